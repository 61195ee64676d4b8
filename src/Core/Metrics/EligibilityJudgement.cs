using System.Globalization;

namespace Contest.Core.Metrics;

/// <summary>
/// Whether a defense may enter the contest: finite logits on every image of the hidden eligibility
/// split, perfect accuracy on its 80% most confident images, an abstain threshold fixed there (or the
/// higher one it declared) that still answers at least the required share of those clean images, and
/// no confident mistake on any earlier valid adversarial image.
/// </summary>
/// <param name="Eligible">The verdict.</param>
/// <param name="Reason">Why not, in a sentence a defender can act on; empty when eligible.</param>
/// <param name="Threshold">The abstain threshold fixed from now on; always a number (never NaN).</param>
/// <param name="Metrics">The kit's metrics on the eligibility split.</param>
/// <param name="PriorChecked">Earlier valid adversarial images checked.</param>
/// <param name="PriorFailed">Of those, confident mistakes.</param>
public sealed record EligibilityJudgement(bool Eligible, string Reason, float Threshold, AttackMetrics Metrics, int PriorChecked, int PriorFailed)
{
    /// <summary>The least share of clean eligibility images a threshold must answer (the original proposal: abstain on at most 20%).</summary>
    public const double DefaultMinCoverage = CoverageMetrics.HeadlineCoverage;

    private static readonly CoverageResult Empty = new(CoverageMetrics.HeadlineCoverage, float.MaxValue, 0, []);

    /// <summary>Judges the logits of the eligibility split and of earlier valid adversarial images.</summary>
    /// <param name="eligibilityLogits">The defense's logits on the hidden split.</param>
    /// <param name="eligibilityLabels">The split's true labels.</param>
    /// <param name="declaredThreshold">The threshold the defender declared at upload, if any.</param>
    /// <param name="priorLogits">The defense's logits on earlier valid adversarial images.</param>
    /// <param name="priorLabels">Their labels.</param>
    /// <param name="minCoverage">The least share of the clean images the threshold in force must answer, in (0, 1].</param>
    public static EligibilityJudgement Judge(
        IReadOnlyList<Logits> eligibilityLogits,
        IReadOnlyList<ClassLabel> eligibilityLabels,
        float? declaredThreshold,
        IReadOnlyList<Logits> priorLogits,
        IReadOnlyList<ClassLabel> priorLabels,
        double minCoverage = DefaultMinCoverage)
    {
        ArgumentNullException.ThrowIfNull(eligibilityLogits);
        ArgumentNullException.ThrowIfNull(priorLogits);
        if (minCoverage is <= 0 or > 1 || double.IsNaN(minCoverage))
            throw new ArgumentOutOfRangeException(nameof(minCoverage), minCoverage, "the minimum coverage must be in (0, 1]");
        // Non-finite logits never make a threshold: nothing is computed from them.
        if (NonFinite(eligibilityLogits) is { } nonFinite)
            return Refused(nonFinite, eligibilityLogits.Count, priorLogits.Count);
        if (declaredThreshold is { } declared && !float.IsFinite(declared))
            return Refused($"the declared threshold {declared.ToString(CultureInfo.InvariantCulture)} is not a finite number.", eligibilityLogits.Count, priorLogits.Count);

        var metrics = CoverageMetrics.Evaluate(eligibilityLogits, eligibilityLabels);
        var calibrated = metrics.At80.Threshold;
        var threshold = Rules.AbstainThreshold.Effective(calibrated, declaredThreshold);
        var prior = ThresholdView.Of(priorLogits, priorLabels, threshold);
        var covered = eligibilityLogits.Count(l => !ThresholdView.IsAbstention(l, threshold));
        var required = (int)(minCoverage * eligibilityLogits.Count);

        string reason;
        if (eligibilityLogits.Count == 0)
            reason = "the eligibility split is empty; an organizer must provide one.";
        else if (covered < required)
            reason = CoverageReason(threshold, threshold != calibrated, covered, eligibilityLogits.Count, minCoverage);
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

    // "declared threshold 1E+30 covers 0 of 200 clean eligibility images (0%); at least 80% must be answered"
    private static string CoverageReason(float threshold, bool declared, int covered, int images, double minCoverage) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{(declared ? "declared " : "")}threshold {threshold:G6} covers {covered} of {images} clean eligibility images " +
            $"({100.0 * covered / images:0.#}%); at least {100 * minCoverage:0.#}% must be answered (abstaining on at most {100 * (1 - minCoverage):0.#}%). {Advice}");

    private const string Advice = "Declare a lower threshold, or none to use the calibrated one.";

    private static string? NonFinite(IReadOnlyList<Logits> logits)
    {
        var bad = Enumerable.Range(0, logits.Count).Where(i => !float.IsFinite(logits[i].Bicycle) || !float.IsFinite(logits[i].Bird)).ToList();
        if (bad.Count == 0)
            return null;
        var first = logits[bad[0]];
        return string.Create(CultureInfo.InvariantCulture,
            $"the defense returned non-finite logits (NaN or infinity) on {bad.Count} of {logits.Count} eligibility images " +
            $"(the first, image #{bad[0]}: [{first.Bicycle}, {first.Bird}]); a defense must return finite logits on every image.");
    }

    // No threshold can be calibrated: the largest finite one, which abstains on everything, is kept instead of NaN.
    private static EligibilityJudgement Refused(string reason, int images, int priorCount) =>
        new(false, reason, float.MaxValue, new AttackMetrics(images, Empty, Empty, []), priorCount, 0);
}
