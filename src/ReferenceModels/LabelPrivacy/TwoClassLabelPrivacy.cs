namespace Contest.ReferenceModels.LabelPrivacy;

/// <summary>
/// RR-with-prior for two classes, where it reduces to: if the prior's top class has probability at or above e^eps / (1 + e^eps),
/// output it (K = 1); otherwise plain RR with flip probability 1 / (1 + e^eps) (K = 2).
/// </summary>
/// <remarks>
/// At exactly the threshold both branches keep the true label equally often; the tie goes to K = 1, as in
/// <see cref="RrWithPrior.ChooseK"/>. At eps = +infinity the threshold is 1 and the true label is always kept (K = 2).
/// The draw goes through <see cref="RrWithPrior.Draw"/> with the prior [1 - p, p], so the two agree draw for draw.
/// </remarks>
public static class TwoClassLabelPrivacy
{
    /// <summary>1 / (1 + e^eps); 0 at +infinity.</summary>
    public static double FlipProbability(double epsilon)
    {
        LabelPrivacyArguments.ThrowIfInvalidEpsilon(epsilon);
        // e^-eps / (1 + e^-eps) rather than 1 - keep, which would round small flip rates (large eps) to 0.
        if (double.IsPositiveInfinity(epsilon))
            return 0.0;
        var decay = Math.Exp(-epsilon);
        return decay / (1.0 + decay);
    }

    /// <summary>e^eps / (1 + e^eps), the top prior probability at which the prior decides alone; 1 at +infinity.</summary>
    public static double PriorThreshold(double epsilon)
    {
        LabelPrivacyArguments.ThrowIfInvalidEpsilon(epsilon);
        return RandomizedResponse.Keep(2, epsilon);
    }

    /// <param name="trueLabel">0 or 1.</param>
    /// <param name="priorOfOne">The prior probability of label 1 (label 0 has 1 - priorOfOne).</param>
    public static LabelDraw Draw(int trueLabel, double priorOfOne, double epsilon, Random random)
    {
        if (!(priorOfOne >= 0 && priorOfOne <= 1))
            throw new ArgumentOutOfRangeException(nameof(priorOfOne), priorOfOne, $"The prior of label 1 must be in [0, 1]; got {priorOfOne}.");
        LabelPrivacyArguments.ThrowIfOutside(trueLabel, 2);
        ReadOnlySpan<double> prior = [1.0 - priorOfOne, priorOfOne];
        return RrWithPrior.Draw(trueLabel, prior, epsilon, random);
    }
}
