namespace Contest.Core.Metrics;

/// <summary>
/// One image's two logits, [bicycle, bird]. Confidence is the larger raw logit (not a softmax);
/// the prediction is bird when bird &gt; bicycle, else bicycle (ties go to bicycle, index 0).
/// </summary>
public readonly record struct Logits(float Bicycle, float Bird)
{
    /// <summary>The larger of the two logits.</summary>
    public float Confidence => MathF.Max(Bicycle, Bird);

    /// <summary>The predicted class.</summary>
    public ClassLabel Prediction => Bicycle < Bird ? ClassLabel.Bird : ClassLabel.Bicycle;

    /// <summary>Builds logits from a [bicycle, bird] pair.</summary>
    public static Logits From(IReadOnlyList<float> pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        if (pair.Count != 2)
            throw new ArgumentException($"expected 2 logits, got {pair.Count}", nameof(pair));
        return new Logits(pair[0], pair[1]);
    }
}
