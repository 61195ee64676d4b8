namespace Contest.ReferenceModels.LabelPrivacy;

/// <summary>Argument checks shared by the label-privacy mechanisms, so every entry point refuses the same things in the same words.</summary>
internal static class LabelPrivacyArguments
{
    /// <summary>How far a prior's sum may drift from one (float32 softmax outputs over ten classes, summed in double, land well inside it).</summary>
    public const double PriorSumTolerance = 1e-6;

    public static void ThrowIfInvalidEpsilon(double epsilon, string name = "epsilon")
    {
        // +infinity is allowed (no privacy: the true label is always kept); NaN fails the comparison too.
        if (!(epsilon > 0))
            throw new ArgumentOutOfRangeException(name, epsilon, $"The privacy parameter must be positive (or +infinity); got {epsilon}.");
    }

    public static void ThrowIfTooFewClasses(int classes, string name = "classes")
    {
        if (classes < 2)
            throw new ArgumentOutOfRangeException(name, classes, $"Label privacy needs at least 2 classes; got {classes}.");
    }

    public static void ThrowIfOutside(int label, int classes, string name = "trueLabel")
    {
        if (label < 0 || label >= classes)
            throw new ArgumentOutOfRangeException(name, label, $"Label {label} is outside [0, {classes}).");
    }

    /// <summary>Refuses a prior that is not a probability vector over at least two labels.</summary>
    public static void ThrowIfInvalidPrior(ReadOnlySpan<double> prior, string name = "prior")
    {
        if (prior.Length < 2)
            throw new ArgumentException($"A prior needs at least 2 classes; got {prior.Length}.", name);
        var sum = 0.0;
        for (var i = 0; i < prior.Length; i++)
        {
            var p = prior[i];
            if (!double.IsFinite(p) || p < 0)
                throw new ArgumentException($"Prior entry {i} is {p}; every entry must be finite and non-negative.", name);
            sum += p;
        }
        if (sum <= 0)
            throw new ArgumentException("The prior is all zero; it must put positive mass on some label.", name);
        if (Math.Abs(sum - 1) > PriorSumTolerance)
            throw new ArgumentException($"The prior sums to {sum}; it must sum to 1 (within {PriorSumTolerance}).", name);
    }
}
