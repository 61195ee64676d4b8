using System.Globalization;

namespace Contest.Core.Metrics;

/// <summary>
/// Whether a defense may enter the contest: perfect accuracy on the 80% most confident images of the
/// hidden eligibility split, with its abstain threshold fixed there (or the higher one it declared),
/// and no confident mistake on any earlier valid adversarial image.
/// </summary>
/// <param name="Eligible">The verdict.</param>
/// <param name="Reason">Why not, in a sentence a defender can act on; empty when eligible.</param>
/// <param name="Threshold">The abstain threshold fixed from now on.</param>
/// <param name="Metrics">The kit's metrics on the eligibility split.</param>
/// <param name="PriorChecked">Earlier valid adversarial images checked.</param>
/// <param name="PriorFailed">Of those, confident mistakes.</param>
public sealed record EligibilityJudgement(bool Eligible, string Reason, float Threshold, AttackMetrics Metrics, int PriorChecked, int PriorFailed)
{
    /// <summary>Judges the logits of the eligibility split and of earlier valid adversarial images.</summary>
    public static EligibilityJudgement Judge(
        IReadOnlyList<Logits> eligibilityLogits,
        IReadOnlyList<ClassLabel> eligibilityLabels,
        float? declaredThreshold,
        IReadOnlyList<Logits> priorLogits,
        IReadOnlyList<ClassLabel> priorLabels)
    {
        ArgumentNullException.ThrowIfNull(priorLogits);
        var metrics = CoverageMetrics.Evaluate(eligibilityLogits, eligibilityLabels);
        var calibrated = metrics.At80.Threshold;
        var threshold = Rules.AbstainThreshold.Effective(calibrated, declaredThreshold);
        var prior = ThresholdView.Of(priorLogits, priorLabels, threshold);

        string reason;
        if (eligibilityLogits.Count == 0)
            reason = "the eligibility split is empty; an organizer must provide one.";
        else if (metrics.At80.ConfidentErrorIndices.Count > 0)
            reason = string.Create(CultureInfo.InvariantCulture,
                $"{metrics.At80.ConfidentErrorIndices.Count} confident error(s) among the {metrics.At80.Covered} most confident eligibility images " +
                $"(accuracy@80 = {metrics.AccuracyAt80:P2}); eligibility needs 100%.");
        else if (prior.ConfidentMistakeIndices.Count > 0)
            reason = $"fooled by {prior.ConfidentMistakeIndices.Count} of {priorLogits.Count} earlier valid adversarial image(s); " +
                     "a new defense must defeat every one of them.";
        else
            reason = "";
        return new EligibilityJudgement(reason.Length == 0, reason, threshold, metrics, priorLogits.Count, prior.ConfidentMistakeIndices.Count);
    }
}
