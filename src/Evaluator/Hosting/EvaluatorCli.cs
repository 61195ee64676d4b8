using System.CommandLine;
using Contest.Evaluator.Bench;
using Contest.Evaluator.Worker;
using Contest.Evaluator.Worker.Warm;
using Contest.Evaluator.Worker.Sandbox;
using Microsoft.Extensions.Logging;

namespace Contest.Evaluator.Hosting;

/// <summary>
/// The evaluator's command line. Without a subcommand it is an evaluation worker:
/// <c>--server URL --token T [--device auto|cpu|cuda] [--slots N] [--unsafe-no-sandbox]</c>; it refuses to
/// start when it cannot sandbox its jobs, unless told --unsafe-no-sandbox.
/// </summary>
internal static class EvaluatorCli
{
    public const string TokenVariable = "CONTEST_WORKER_TOKEN";

    /// <summary>The switch that lets a worker run jobs without the sandbox.</summary>
    public const string UnsafeNoSandboxSwitch = "--unsafe-no-sandbox";

    public static Task<int> RunAsync(string[] args)
    {
        var device = new Option<string>("--device")
        {
            Description = "auto, cpu or cuda (cuda needs an external CUDA libtorch; see the README).",
            DefaultValueFactory = _ => "auto",
            Recursive = true,
        };
        var server = new Option<string?>("--server") { Description = "The Contest server to take jobs from, e.g. http://10.0.0.5:50051." };
        var token = new Option<string?>("--token") { Description = $"An API key with the worker role (or env {TokenVariable})." };
        var slots = new Option<int>("--slots") { Description = "Jobs to run at once, each in its own process.", DefaultValueFactory = _ => 1 };
        var noVerdictLane = new Option<bool>("--no-verdict-lane")
        {
            Description = "Run no slots for verdicts only (the same as --verdict-lanes 0; by default a worker keeps some, so verdicts never wait behind evaluations).",
        };
        var verdictLanes = new Option<int>("--verdict-lanes")
        {
            Description = "Slots that lease only verdicts, besides --slots (0: none).", DefaultValueFactory = _ => 4,
        };
        var warmModels = new Option<int>("--warm-models")
        {
            Description = "Warm model processes kept for verdicts, one per defense (0: a fresh process per verdict).", DefaultValueFactory = _ => 2,
        };
        var warmRequests = new Option<int>("--warm-requests")
        {
            Description = "Images a warm model process answers before it is replaced.", DefaultValueFactory = _ => 256,
        };
        var warmIdle = new Option<int>("--warm-idle-seconds")
        {
            Description = "A warm model process unused this long is stopped.", DefaultValueFactory = _ => 300,
        };
        var name = new Option<string>("--name") { Description = "A name for this worker in the server's records.", DefaultValueFactory = _ => Environment.MachineName };
        var workDir = new Option<string?>("--work-dir") { Description = "Job folders and the input cache (default: a folder under the system temp)." };
        var exitWithParent = new Option<int?>("--exit-with-parent") { Description = "Stop when this process id ends.", Hidden = true };
        var unsafeNoSandbox = new Option<bool>(UnsafeNoSandboxSwitch)
        {
            Description = "Run jobs WITHOUT the bubblewrap sandbox (no bwrap needed): a model can then read this machine's files and use its network. Only for models you trust.",
        };

        var root = new RootCommand("Contest evaluator: an evaluation worker for the Contest server, and tools to check this machine.")
        {
            device, server, token, slots, noVerdictLane, verdictLanes, warmModels, warmRequests, warmIdle, name, workDir, exitWithParent, unsafeNoSandbox,
        };
        root.Subcommands.Add(DoctorCommand.Create(device));
        root.Subcommands.Add(RunJobCommand.Create());
        root.Subcommands.Add(ServeModelCommand.Create());
        root.Subcommands.Add(BenchCommand.Create(device));
        root.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var url = parse.GetValue(server);
            var key = parse.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable);
            if (string.IsNullOrWhiteSpace(url) || string.IsNullOrWhiteSpace(key))
            {
                await error.WriteLineAsync($"error: a worker needs --server URL and --token KEY (or {TokenVariable}); run with --help, or `doctor` to check this machine.");
                return 2;
            }
            var options = new WorkerOptions
            {
                Server = url,
                Token = key,
                Device = parse.GetValue(device)!,
                Slots = Math.Max(1, parse.GetValue(slots)),
                VerdictLanes = parse.GetValue(noVerdictLane) ? 0 : Math.Max(0, parse.GetValue(verdictLanes)),
                WarmModels = new WarmModelOptions(
                    Capacity: Math.Max(0, parse.GetValue(warmModels)),
                    MaxRequests: Math.Max(1, parse.GetValue(warmRequests)),
                    IdleTime: TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(warmIdle)))),
                Name = parse.GetValue(name)!,
                WorkDirectory = Path.GetFullPath(parse.GetValue(workDir) ?? Path.Combine(Path.GetTempPath(), $"contest-worker-{Environment.ProcessId}")),
                ExitWithParent = parse.GetValue(exitWithParent),
                UnsafeNoSandbox = parse.GetValue(unsafeNoSandbox),
            };
            var (containment, problem) = JobContainment.Create(options.UnsafeNoSandbox, options.Device);
            if (containment is null)
            {
                await error.WriteLineAsync($"error: the worker will not run jobs unconfined: {problem}");
                return 2;
            }
            using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            }));
            return await new WorkerHost(options, containment, TimeProvider.System, logging.CreateLogger("worker")).RunAsync(cancellationToken);
        });
        return root.Parse(args).InvokeAsync();
    }
}
