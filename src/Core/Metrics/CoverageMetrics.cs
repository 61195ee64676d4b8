namespace Contest.Core.Metrics;

/// <summary>
/// The original bird-or-bicycle evaluation kit's metrics, exactly: for coverage c over N outputs,
/// k = int(c N) (computed in double precision, as Python's int(c*N)), the threshold is the k-th
/// largest confidence, every image at or above it is covered (so ties can cover more than k), and
/// confident errors are covered images predicted wrongly. The threshold is recomputed on each
/// attack's own outputs.
/// </summary>
public static class CoverageMetrics
{
    /// <summary>The coverage at which the contest's headline accuracy is measured.</summary>
    public const double HeadlineCoverage = 0.80;

    /// <summary>Points of the risk-coverage curve.</summary>
    public const int RiskCoveragePoints = 100;

    /// <summary>accuracy@80, accuracy@100, their confident errors and the risk-coverage curve.</summary>
    public static AttackMetrics Evaluate(IReadOnlyList<Logits> logits, IReadOnlyList<ClassLabel> labels)
    {
        var sorted = SortedConfidences(logits, labels);
        var risk = new double[RiskCoveragePoints];
        for (var j = 0; j < RiskCoveragePoints; j++)
        {
            var c = (j + 1) / 100.0;
            var errors = AtCoverage(logits, labels, sorted, c).ConfidentErrorIndices.Count;
            risk[j] = logits.Count == 0 ? 0 : errors / (c * logits.Count);
        }
        return new AttackMetrics(
            logits.Count,
            AtCoverage(logits, labels, sorted, HeadlineCoverage),
            AtCoverage(logits, labels, sorted, 1.0),
            risk);
    }

    /// <summary>The kit's numbers at one coverage.</summary>
    public static CoverageResult AtCoverage(IReadOnlyList<Logits> logits, IReadOnlyList<ClassLabel> labels, double coverage) =>
        AtCoverage(logits, labels, SortedConfidences(logits, labels), coverage);

    /// <summary>
    /// The confidence threshold that covers <paramref name="coverage"/> of the given outputs
    /// (the k-th largest confidence, k = int(c N)); negative infinity when k = 0.
    /// </summary>
    public static float Threshold(IReadOnlyList<Logits> logits, double coverage = HeadlineCoverage)
    {
        ArgumentNullException.ThrowIfNull(logits);
        var sorted = logits.Select(l => l.Confidence).OrderDescending().ToArray();
        return ThresholdOf(sorted, coverage);
    }

    private static CoverageResult AtCoverage(IReadOnlyList<Logits> logits, IReadOnlyList<ClassLabel> labels, float[] sortedDescending,
        double coverage)
    {
        if (coverage is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(coverage), coverage, "coverage must be in (0, 1]");
        var threshold = ThresholdOf(sortedDescending, coverage);
        var covered = 0;
        var errors = new List<int>();
        for (var i = 0; i < logits.Count; i++)
        {
            if (!(logits[i].Confidence >= threshold))
                continue;
            covered++;
            if (logits[i].Prediction != labels[i])
                errors.Add(i);
        }
        return new CoverageResult(coverage, threshold, covered, errors);
    }

    private static float ThresholdOf(float[] sortedDescending, double coverage)
    {
        var k = (int)(coverage * sortedDescending.Length);
        return k == 0 ? float.NegativeInfinity : sortedDescending[k - 1];
    }

    private static float[] SortedConfidences(IReadOnlyList<Logits> logits, IReadOnlyList<ClassLabel> labels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        if (logits.Count != labels.Count)
            throw new ArgumentException($"{logits.Count} logits but {labels.Count} labels");
        return logits.Select(l => l.Confidence).OrderDescending().ToArray();
    }
}
