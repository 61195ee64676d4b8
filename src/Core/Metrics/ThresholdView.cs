namespace Contest.Core.Metrics;

/// <summary>
/// The contest's view of a defense's outputs against its fixed abstain threshold (calibrated on the
/// clean eligibility set): below the threshold it abstains; at or above, a wrong prediction is a
/// confident mistake.
/// </summary>
/// <param name="Threshold">The defense's threshold.</param>
/// <param name="ConfidentMistakeIndices">Answered (not abstained) and wrong, in index order.</param>
/// <param name="AbstentionIndices">Confidence below the threshold, in index order.</param>
public sealed record ThresholdView(float Threshold, IReadOnlyList<int> ConfidentMistakeIndices, IReadOnlyList<int> AbstentionIndices)
{
    /// <summary>Classifies outputs against a fixed threshold.</summary>
    public static ThresholdView Of(IReadOnlyList<Logits> logits, IReadOnlyList<ClassLabel> labels, float threshold)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        var mistakes = new List<int>();
        var abstentions = new List<int>();
        for (var i = 0; i < logits.Count; i++)
        {
            if (IsAbstention(logits[i], threshold))
                abstentions.Add(i);
            else if (logits[i].Prediction != labels[i])
                mistakes.Add(i);
        }
        return new ThresholdView(threshold, mistakes, abstentions);
    }

    /// <summary>Whether a defense with this threshold abstains on these logits (NaN always abstains).</summary>
    public static bool IsAbstention(Logits logits, float threshold) => !(logits.Confidence >= threshold);
}
