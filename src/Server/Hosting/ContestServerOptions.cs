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

    /// <summary>The minimum throughput a defense must reach in validation, images per second.</summary>
    public double MinThroughput { get; init; } = 100;

    /// <summary>Attack images a team may submit per UTC day.</summary>
    public int DailyAttackQuota { get; init; } = 10;

    /// <summary>The resolved, absolute data directory.</summary>
    public string DataDirectoryFullPath => Path.GetFullPath(DataDirectory);
}
