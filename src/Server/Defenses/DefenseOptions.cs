namespace Contest.Server.Defenses;

/// <summary>What a defense upload must meet (bound from the "Contest" section).</summary>
internal sealed class DefenseOptions
{
    /// <summary>The largest defense file accepted, in bytes; enforced while the upload streams.</summary>
    public long MaxUploadBytes { get; init; } = 1L << 30;

    /// <summary>The minimum throughput a defense must reach in validation, images per second.</summary>
    public double MinThroughput { get; init; } = 100;

    /// <summary>
    /// The least share of the clean eligibility images a defense's abstain threshold (calibrated or
    /// declared) must answer; the original proposal allowed abstaining on at most 20%.
    /// </summary>
    public double MinCleanCoverage { get; init; } = Core.Metrics.EligibilityJudgement.DefaultMinCoverage;
}
