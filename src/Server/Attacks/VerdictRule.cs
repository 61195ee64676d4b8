using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Core.Metrics;

namespace Contest.Server.Attacks;

/// <summary>
/// A defense's answer on an attack image, against its fixed abstain threshold: below the threshold it
/// abstains (NaN always abstains); at or above, a prediction other than the class the image shows is a
/// confident mistake, which makes the image a candidate for human review.
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
