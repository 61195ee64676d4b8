namespace Contest.Core.Metrics;

/// <summary>The quantities the original evaluation kit reported for one attack's outputs.</summary>
/// <param name="Images">How many outputs were scored.</param>
/// <param name="At80">Accuracy, threshold and confident errors at 80% coverage.</param>
/// <param name="At100">The same at 100% coverage (every image).</param>
/// <param name="RiskCoverage">Risk |errors(c)| / (c N) at c = 0.01, 0.02, ..., 1.00.</param>
public sealed record AttackMetrics(int Images, CoverageResult At80, CoverageResult At100, IReadOnlyList<double> RiskCoverage)
{
    /// <summary>accuracy@80.</summary>
    public double AccuracyAt80 => At80.Accuracy;

    /// <summary>accuracy@100.</summary>
    public double AccuracyAt100 => At100.Accuracy;
}
