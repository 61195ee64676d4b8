namespace Contest.Server.Hosting;

/// <summary>The server's command-line switches, mapped onto configuration keys, and its help text.</summary>
public static class ServerCommandLine
{
    /// <summary>The address used when neither --urls nor any Kestrel endpoint is configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:50051";

    /// <summary>Short switches accepted on the command line and the configuration keys they set.</summary>
    public static IDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>
    {
        ["--data-dir"] = $"{ContestServerOptions.SectionName}:{nameof(ContestServerOptions.DataDirectory)}",
        ["--max-upload-bytes"] = $"{ContestServerOptions.SectionName}:{nameof(ContestServerOptions.MaxUploadBytes)}",
        ["--workers"] = $"{ContestServerOptions.SectionName}:{nameof(ContestServerOptions.Workers)}",
        ["--dataset"] = $"{ContestServerOptions.SectionName}:{nameof(ContestServerOptions.Dataset)}",
        ["--dataset-seed"] = $"{ContestServerOptions.SectionName}:{nameof(ContestServerOptions.DatasetSeed)}",
        ["--dataset-per-class"] = $"{ContestServerOptions.SectionName}:{nameof(ContestServerOptions.DatasetPerClass)}",
        ["--min-throughput"] = $"{ContestServerOptions.SectionName}:{nameof(ContestServerOptions.MinThroughput)}",
        ["--daily-attack-quota"] = $"{ContestServerOptions.SectionName}:{nameof(ContestServerOptions.DailyAttackQuota)}",
        ["--worker-path"] = $"{ContestServerOptions.SectionName}:{nameof(ContestServerOptions.WorkerPath)}",
        ["--worker-device"] = $"{ContestServerOptions.SectionName}:{nameof(ContestServerOptions.WorkerDevice)}",
        ["--lease-seconds"] = $"{ContestServerOptions.SectionName}:{nameof(ContestServerOptions.LeaseSeconds)}",
    };

    /// <summary>True when the arguments ask for help.</summary>
    public static bool WantsHelp(IEnumerable<string> args) =>
        args.Any(a => a is "--help" or "-h" or "-?");

    /// <summary>What --help prints.</summary>
    public const string HelpText = """
        Contest server: runs an adversarial robustness contest (bird-or-bicycle) over gRPC.

        Usage: dotnet run --project src/Server -- [options]

        Options:
          --urls URLS                 Where to listen (default http://127.0.0.1:50051, h2c).
                                      TLS: configure a Kestrel HTTPS endpoint (see README).
          --data-dir DIR              Records, files and organizer.key (default ./contest-data).
          --max-upload-bytes N        Largest defense file accepted (default 1073741824).
          --workers N                 Evaluation workers started on this machine (default 1).
          --dataset synthetic|PATH    Generated bird-or-bicycle set, or a real copy (default synthetic).
          --dataset-seed N            Public seed of the synthetic set (default 2018; the eligibility split
                                      gets a private random seed kept in the data directory).
          --dataset-per-class SPEC    Size of the synthetic set, e.g. train=125,test=125,extras=0,eligibility=200
                                      (default train=125,test=125,extras=13750,eligibility=500).
          --min-throughput N          Images/s a defense must reach in validation (default 100).
          --daily-attack-quota N      Attack images per team per UTC day (default 10).
          --worker-path PATH          Contest.Evaluator.dll for local workers (default: found next to the
                                      server or in the build output of src/Evaluator).
          --worker-device DEVICE      --device of local workers: auto, cpu or cuda (default auto).
          --lease-seconds N           How long a worker's lease on a job lasts without a heartbeat (default 30).
          -h, --help                  Show this help.

        Every option can also be set in appsettings.json under "Contest" or as an environment
        variable such as Contest__DataDirectory.
        """;
}
