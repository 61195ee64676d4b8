using Contest.Contracts.V1;
using Contest.Core.Metrics;
using Contest.Server.Storage.Records;

namespace Contest.Server.Contest;

/// <summary>A defense's answer on an attack image against its fixed threshold.</summary>
internal static class VerdictMath
{
    /// <summary>The threshold a defense abstains below: the calibrated one, or its higher declared one.</summary>
    public static float ThresholdOf(DefenseRecord defense) =>
        defense.DeclaredThreshold is { } declared && declared > defense.Eligibility.Threshold ? declared : defense.Eligibility.Threshold;

    public static VerdictState Judge(string defenseId, string jobId, IReadOnlyList<float> rawLogits, float threshold, Label claimed)
    {
        var logits = Logits.From(rawLogits);
        var prediction = logits.Prediction == Core.ClassLabel.Bird ? Label.Bird : Label.Bicycle;
        var abstained = ThresholdView.IsAbstention(logits, threshold);
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

    /// <summary>Whether the defense was fooled: answered, and not the class the image shows.</summary>
    public static bool IsConfidentMistake(IReadOnlyList<float> rawLogits, float threshold, Label shown)
    {
        var logits = Logits.From(rawLogits);
        var prediction = logits.Prediction == Core.ClassLabel.Bird ? Label.Bird : Label.Bicycle;
        return !ThresholdView.IsAbstention(logits, threshold) && prediction != shown;
    }
}
