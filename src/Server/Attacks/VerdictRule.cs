using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Core.Metrics;

namespace Contest.Server.Attacks;

/// <summary>
/// A defense's answer on an attack image, against its fixed abstain threshold: below the threshold it
/// abstains (NaN always abstains); at or above, a prediction other than the class the image shows is a
/// confident mistake, which makes the image a candidate for human review. A defense that fails on the
/// image (raises, gives malformed or non-finite logits, runs past its limits) neither answered nor
/// abstained: that too makes the image a candidate.
/// </summary>
internal static class VerdictRule
{
    public static VerdictState Judge(string defenseId, string jobId, IReadOnlyList<float> rawLogits, float threshold, Label claimed)
    {
        var logits = Logits.From(rawLogits);
        var abstained = ThresholdView.IsAbstention(logits, threshold);
        var prediction = logits.Prediction.ToLabel();
        return new VerdictState
        {
            DefenseId = defenseId,
            JobId = jobId,
            Logits = [logits.Bicycle, logits.Bird],
            Prediction = prediction,
            Confidence = logits.Confidence,
            Threshold = threshold,
            Abstained = abstained,
            Candidate = !abstained && prediction != claimed,
        };
    }

    /// <summary>What a verdict job whose defense failed on the image amounts to: a would-be confident mistake.</summary>
    public static VerdictState Failed(string defenseId, string jobId, float threshold, string failure) => new()
    {
        DefenseId = defenseId,
        JobId = jobId,
        Threshold = threshold,
        Abstained = false,
        Candidate = true,
        DefenseFailed = true,
        Failure = failure,
    };

    /// <summary>Why logits a worker reported cannot be a defense's answer; null when they can (two finite numbers).</summary>
    public static string? Malformed(IReadOnlyList<float> rawLogits)
    {
        if (rawLogits.Count != 2)
            return $"the defense returned {rawLogits.Count} logit(s) instead of two [bicycle, bird]";
        return rawLogits.All(float.IsFinite) ? null : "the defense returned non-finite logits (NaN or infinity)";
    }

    /// <summary>Whether the defense was fooled: it answered, and not with the class the image shows.</summary>
    public static bool IsConfidentMistake(IReadOnlyList<float> rawLogits, float threshold, Label shown)
    {
        var logits = Logits.From(rawLogits);
        return !ThresholdView.IsAbstention(logits, threshold) && logits.Prediction.ToLabel() != shown;
    }

    /// <summary>Whether the defense abstained: its confidence is below its threshold.</summary>
    public static bool IsAbstention(IReadOnlyList<float> rawLogits, float threshold) =>
        ThresholdView.IsAbstention(Logits.From(rawLogits), threshold);
}
