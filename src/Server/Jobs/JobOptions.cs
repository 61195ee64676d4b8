using Contest.Contracts.V1;

namespace Contest.Server.Jobs;

/// <summary>Leases, attempts and per-job limits (bound from the "Contest" section).</summary>
internal sealed class JobOptions
{
    /// <summary>A worker's lease on a job lasts this long after each heartbeat.</summary>
    public int LeaseSeconds { get; init; } = 30;

    /// <summary>How often workers are asked to renew their leases.</summary>
    public int HeartbeatSeconds { get; init; } = 5;

    /// <summary>Attempts a job gets before a lost lease fails it.</summary>
    public int MaxJobAttempts { get; init; } = 3;

    /// <summary>Memory a job's process may use before its worker stops it.</summary>
    public long JobMemoryBytes { get; init; } = 8L << 30;

    /// <summary>The largest file a job may produce (a report's artifact), in bytes.</summary>
    public long MaxArtifactBytes { get; init; } = 1L << 30;

    /// <summary>The most artifacts one job may attach.</summary>
    public int MaxArtifactsPerJob { get; init; } = 64;

    /// <summary>The most bytes all of one job's artifacts may add up to.</summary>
    public long MaxArtifactBytesPerJob { get; init; } = 2L << 30;

    /// <summary>Wall-clock limit of a validation job.</summary>
    public int ValidationSeconds { get; init; } = 600;

    /// <summary>Wall-clock limit of an eligibility job.</summary>
    public int EligibilitySeconds { get; init; } = 3600;

    /// <summary>Wall-clock limit of an evaluation (the original contest allowed 24 hours on a P100).</summary>
    public int EvaluationSeconds { get; init; } = 24 * 3600;

    /// <summary>Wall-clock limit of a single-image verdict.</summary>
    public int VerdictSeconds { get; init; } = 120;

    /// <summary>Wall-clock limit of a reference model's training per attempt (the quick recipes take minutes on two CPU cores, full ones hours on a GPU; an attempt resumes from the last checkpoint).</summary>
    public int TrainingSeconds { get; init; } = 4 * 3600;

    /// <summary>The wall-clock limit of a job of this kind.</summary>
    public int WallSecondsOf(JobKind kind) => kind switch
    {
        JobKind.Validate => ValidationSeconds,
        JobKind.Eligibility => EligibilitySeconds,
        JobKind.Verdict => VerdictSeconds,
        JobKind.TrainReference => TrainingSeconds,
        _ => EvaluationSeconds,
    };

    /// <summary>Heartbeats workers are asked for: at least three per lease, so one slow call never lets a healthy worker's lease lapse.</summary>
    public int HeartbeatSecondsWithinLease => Math.Max(1, Math.Min(HeartbeatSeconds, LeaseSeconds / 3));
}
