using Contest.Server.Attacks;
using Contest.Server.Auth;
using Contest.Server.Datasets;
using Contest.Server.Defenses;
using Contest.Server.Infrastructure.Backups;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Contest.Server.Quotas;
using Contest.Server.References;
using Contest.Server.Workers;

namespace Contest.Server.Hosting;

/// <summary>The server's command-line switches, mapped onto configuration keys, and its help text.</summary>
public static class ServerCommandLine
{
    /// <summary>The address used when neither --urls nor any Kestrel endpoint is configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:50051";

    /// <summary>Short switches accepted on the command line and the configuration keys they set.</summary>
    public static IDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>
    {
        ["--data-dir"] = Key(nameof(StorageOptions.DataDirectory)),
        ["--max-upload-bytes"] = Key(nameof(DefenseOptions.MaxUploadBytes)),
        ["--workers"] = Key(nameof(LocalWorkerOptions.Workers)),
        ["--dataset"] = Key(nameof(DatasetOptions.Dataset)),
        ["--dataset-seed"] = Key(nameof(DatasetOptions.DatasetSeed)),
        ["--dataset-per-class"] = Key(nameof(DatasetOptions.DatasetPerClass)),
        ["--min-throughput"] = Key(nameof(DefenseOptions.MinThroughput)),
        ["--min-clean-coverage"] = Key(nameof(DefenseOptions.MinCleanCoverage)),
        ["--daily-attack-quota"] = Key(nameof(AttackOptions.DailyAttackQuota)),
        ["--worker-path"] = Key(nameof(LocalWorkerOptions.WorkerPath)),
        ["--worker-device"] = Key(nameof(LocalWorkerOptions.WorkerDevice)),
        ["--unsafe-no-sandbox"] = Key(nameof(LocalWorkerOptions.UnsafeNoSandbox)),
        ["--lease-seconds"] = Key(nameof(JobOptions.LeaseSeconds)),
        ["--backups-to-keep"] = Key(nameof(BackupOptions.BackupsToKeep)),
        ["--blob-grace-minutes"] = Key(nameof(BlobCollectorOptions.BlobGraceMinutes)),
        ["--blob-collection-interval-minutes"] = Key(nameof(BlobCollectorOptions.BlobCollectionIntervalMinutes)),
        ["--restore"] = RestoreKey,
        ["--verdict-lane"] = Key(nameof(LocalWorkerOptions.VerdictLane)),
        ["--daily-defense-uploads"] = Key(nameof(LimitOptions.DailyDefenseUploads)),
        ["--max-team-evaluations"] = Key(nameof(LimitOptions.MaxTeamEvaluations)),
        ["--max-team-bytes"] = Key(nameof(LimitOptions.MaxTeamBytes)),
        ["--max-artifacts-per-job"] = Key(nameof(JobOptions.MaxArtifactsPerJob)),
        ["--max-artifact-bytes-per-job"] = Key(nameof(JobOptions.MaxArtifactBytesPerJob)),
        ["--max-streams-per-key"] = Key(nameof(StreamOptions.MaxStreamsPerKey)),
        ["--stream-recheck-seconds"] = Key(nameof(StreamOptions.StreamRecheckSeconds)),
        ["--max-stream-seconds"] = Key(nameof(StreamOptions.MaxStreamSeconds)),
        ["--no-baselines"] = Key(nameof(ReferenceOptions.NoBaselines)),
        ["--training-seconds"] = Key(nameof(JobOptions.TrainingSeconds)),
    };

    /// <summary>The configuration key of --restore (a one-off action, not a server option).</summary>
    public const string RestoreKey = "Restore";

    /// <summary>Switches that may stand alone, meaning "true" (configuration wants a value after every switch).</summary>
    public static IReadOnlySet<string> Flags { get; } = new HashSet<string>(StringComparer.Ordinal) { "--unsafe-no-sandbox", "--no-baselines" };

    /// <summary>The arguments with every bare flag given its value: `--unsafe-no-sandbox` becomes `--unsafe-no-sandbox=true`.</summary>
    public static string[] WithFlagValues(IReadOnlyList<string> args)
    {
        var result = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var next = i + 1 < args.Count ? args[i + 1] : null;
            var bare = Flags.Contains(args[i]) && (next is null || next.StartsWith('-') || !bool.TryParse(next, out _));
            result.Add(bare ? $"{args[i]}=true" : args[i]);
        }
        return [.. result];
    }

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
          --min-clean-coverage F      Share of the clean eligibility images a defense's abstain threshold
                                      must answer, calibrated or declared (default 0.8).
          --daily-attack-quota N      Attack images per team per UTC day (default 10).
          --worker-path PATH          Contest.Evaluator.dll for local workers (default: found next to the
                                      server or in the build output of src/Evaluator).
          --worker-device DEVICE      --device of local workers: auto, cpu or cuda (default auto).
          --unsafe-no-sandbox         Local workers run jobs WITHOUT the bubblewrap sandbox (default false;
                                      only for models you trust). Workers refuse to start without bwrap
                                      unless this is set.
          --verdict-lane true|false   Each local worker keeps a slot for verdicts only, so submissions never
                                      wait behind evaluations (default true).
          --lease-seconds N           How long a worker's lease on a job lasts without a heartbeat (default 30).
          --backups-to-keep N         Automatic copies of the records kept in DATA/backups, written at start and
                                      at a clean shutdown (default 5; 0: none). Used when contest.db is damaged.
          --blob-grace-minutes N      A blob no record names is deleted once it is this old (default 60).
          --blob-collection-interval-minutes N
                                      Minutes between runs of the blob collector (default 60; 0: never).
          --restore FILE              Restore a backup made by 'contest admin backup' into --data-dir, which
                                      must be empty or new, then exit (start the server on it afterwards).
          --daily-defense-uploads N   Defense uploads per team per UTC day (default 10; organizers exempt).
          --max-team-evaluations N    Evaluations a team may have queued or running at once (default 2).
          --max-team-bytes N          Bytes a team may store: defense models, attack images and its jobs'
                                      artifacts (default 5368709120, 5 GiB).
          --max-artifacts-per-job N   Artifacts one job may attach (default 64).
          --max-artifact-bytes-per-job N
                                      Bytes all of one job's artifacts may add up to (default 2147483648).
          --max-streams-per-key N     Watch and job streams one API key may hold open at once (default 16).
          --stream-recheck-seconds N  How often an open stream re-checks that its key is not revoked (default 30).
          --max-stream-seconds N      The longest a stream stays open (default 86400, 24 h).
          --no-baselines              Do not queue the built-in baselines (quick undefended and PGD adversarially
                                      trained models, trained by the workers once the dataset is ready and
                                      registered as open defenses of the organizers). Without it they are
                                      queued once per data directory.
          --training-seconds N        Wall-clock limit of a reference model's training job (default 14400, 4 h).
          -h, --help                  Show this help.

        One server per data directory: a second one on the same --data-dir is refused (DATA/server.lock).

        SIGTERM or Ctrl-C stops the server within seconds: waiting worker calls are answered, watch streams
        end (Unavailable), local workers' jobs go back to the queue, local workers are stopped, the records
        are backed up and checkpointed; the log says each step. Calls still open after 10 s are cut off.

        Every option can also be set in appsettings.json under "Contest" or as an environment
        variable such as Contest__DataDirectory.
        """;

    // Every option lives in the "Contest" section, whichever feature's class it binds to.
    private static string Key(string option) => $"{StorageOptions.SectionName}:{option}";
}
