namespace Contest.Server.Hosting;

/// <summary>Server settings, bound from the "Contest" configuration section and the command line.</summary>
public sealed class ContestServerOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Contest";

    /// <summary>Where records, files and the organizer key live.</summary>
    public string DataDirectory { get; init; } = "./contest-data";

    /// <summary>The largest defense file accepted, in bytes; enforced while the upload streams.</summary>
    public long MaxUploadBytes { get; init; } = 1L << 30;

    /// <summary>The largest chunk of a streamed upload.</summary>
    public int MaxChunkBytes { get; init; } = 1 << 20;

    /// <summary>Evaluation workers the server starts on this machine (0: only outside workers).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>"synthetic" (generated into the data directory) or the path of a real copy.</summary>
    public string Dataset { get; init; } = "synthetic";

    /// <summary>The public seed of the synthetic set (train, test, extras).</summary>
    public long DatasetSeed { get; init; } = 2018;

    /// <summary>Images per class of the synthetic set, e.g. "train=125,test=125,extras=0,eligibility=500" (empty: the defaults).</summary>
    public string DatasetPerClass { get; init; } = "";

    /// <summary>The minimum throughput a defense must reach in validation, images per second.</summary>
    public double MinThroughput { get; init; } = 100;

    /// <summary>Attack images a team may submit per UTC day.</summary>
    public int DailyAttackQuota { get; init; } = 10;

    /// <summary>Reviews each candidate attack image needs.</summary>
    public int ReviewsPerImage { get; init; } = 3;

    /// <summary>Rounds close weekly on this day (UTC).</summary>
    public DayOfWeek RoundCloseDay { get; init; } = DayOfWeek.Friday;

    /// <summary>... at this time of day (UTC).</summary>
    public TimeSpan RoundCloseTime { get; init; } = new(0, 23, 59, 59);

    /// <summary>A reviewer's unanswered assignment is given to someone else after this long.</summary>
    public int ReviewAssignmentMinutes { get; init; } = 60;

    /// <summary>A worker's lease on a job lasts this long after each heartbeat.</summary>
    public int LeaseSeconds { get; init; } = 30;

    /// <summary>How often workers are asked to renew their leases.</summary>
    public int HeartbeatSeconds { get; init; } = 5;

    /// <summary>Attempts a job gets before a lost lease fails it.</summary>
    public int MaxJobAttempts { get; init; } = 3;

    /// <summary>Memory a job's process may use before its worker stops it.</summary>
    public long JobMemoryBytes { get; init; } = 8L << 30;

    /// <summary>Wall-clock limit of a validation job.</summary>
    public int ValidationSeconds { get; init; } = 600;

    /// <summary>Wall-clock limit of an eligibility job.</summary>
    public int EligibilitySeconds { get; init; } = 3600;

    /// <summary>Wall-clock limit of an evaluation (the original contest allowed 24 hours on a P100).</summary>
    public int EvaluationSeconds { get; init; } = 24 * 3600;

    /// <summary>Wall-clock limit of a single-image verdict.</summary>
    public int VerdictSeconds { get; init; } = 120;

    /// <summary>The evaluator to start local workers from (Contest.Evaluator.dll); found automatically when empty.</summary>
    public string WorkerPath { get; init; } = "";

    /// <summary>--device for local workers: auto, cpu or cuda.</summary>
    public string WorkerDevice { get; init; } = "auto";

    /// <summary>The resolved, absolute data directory.</summary>
    public string DataDirectoryFullPath => Path.GetFullPath(DataDirectory);
}
