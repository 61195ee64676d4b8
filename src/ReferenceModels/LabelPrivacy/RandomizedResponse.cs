namespace Contest.ReferenceModels.LabelPrivacy;

/// <summary>
/// Randomized response over K classes: keep the true label with probability e^eps / (e^eps + K - 1),
/// otherwise release a uniformly chosen other label. eps-label-DP.
/// </summary>
public static class RandomizedResponse
{
    /// <summary>e^eps / (e^eps + K - 1); 1 for eps = +infinity.</summary>
    /// <exception cref="ArgumentOutOfRangeException">eps is not positive (or is NaN), or fewer than 2 classes.</exception>
    public static double KeepProbability(double epsilon, int classes)
    {
        LabelPrivacyArguments.ThrowIfInvalidEpsilon(epsilon);
        LabelPrivacyArguments.ThrowIfTooFewClasses(classes);
        return Keep(classes, epsilon);
    }

    /// <summary>Keeps <paramref name="trueLabel"/> with <see cref="KeepProbability"/>, otherwise returns a uniformly chosen other label in [0, classes).</summary>
    /// <remarks>Draws only from <paramref name="random"/>: one NextDouble, plus one Next when the label flips.</remarks>
    public static int Draw(int trueLabel, int classes, double epsilon, Random random)
    {
        LabelPrivacyArguments.ThrowIfInvalidEpsilon(epsilon);
        LabelPrivacyArguments.ThrowIfTooFewClasses(classes);
        LabelPrivacyArguments.ThrowIfOutside(trueLabel, classes);
        ArgumentNullException.ThrowIfNull(random);

        if (random.NextDouble() < Keep(classes, epsilon))
            return trueLabel;
        // A uniform draw among the classes - 1 others: skip over the true label.
        var other = random.Next(classes - 1);
        return other >= trueLabel ? other + 1 : other;
    }

    /// <summary>
    /// The keep probability for a candidate set of <paramref name="size"/> labels, written as 1 / (1 + (size - 1) e^-eps)
    /// so that large eps cannot overflow e^eps into inf / inf.
    /// </summary>
    internal static double Keep(int size, double epsilon) =>
        double.IsPositiveInfinity(epsilon) ? 1.0 : 1.0 / (1.0 + (size - 1) * Math.Exp(-epsilon));
}
