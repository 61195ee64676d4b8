using System.Diagnostics;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Contest.Server.Workers;

/// <summary>
/// Starts --workers N evaluation workers on this machine once the server listens, restarts any that
/// exit (with backoff), and stops them with the server (SIGTERM, then kill after <see cref="StopGrace"/>).
/// Each worker runs every job in a process of its own, so a model that crashes libtorch costs one job,
/// never the server.
/// </summary>
internal sealed partial class LocalWorkerPool(
    IOptions<LocalWorkerOptions> options,
    IOptions<StorageOptions> storage,
    LocalWorkerKey workerKey,
    WorkerRegistry registry,
    JobQueue queue,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<LocalWorkerPool> logger) : BackgroundService
{
    /// <summary>How long a local worker gets to stop by itself (its job killed, its lease handed back) before it is killed.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _processIds = new();
    private int _running;

    /// <summary>The running local workers' process ids, by worker name.</summary>
    public IReadOnlyDictionary<string, int> ProcessIds => _processIds;

    /// <summary>Local worker processes running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>
    /// Gives back every job a local worker holds (the server is stopping, and its workers with it): queued
    /// again at once, the attempt not counted. Returns how many.
    /// </summary>
    public int HandBackLeases(string reason) =>
        workerKey.TeamId.Length == 0 ? 0 : queue.HandBackAll(registry.IdsOf(workerKey.TeamId), reason);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = options.Value.Workers;
        if (count <= 0)
            return;
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);

        var evaluator = EvaluatorLocator.Find(options.Value.WorkerPath);
        if (evaluator is null)
        {
            LogNoEvaluator(logger, options.Value.WorkerPath.Length > 0 ? options.Value.WorkerPath : "src/Evaluator's build output");
            return;
        }
        var address = LocalAddress();
        var key = workerKey.Issue();
        LogStarting(logger, count, evaluator, address);
        await Task.WhenAll(Enumerable.Range(1, count).Select(i => SuperviseAsync($"local-{i}", evaluator, address, key, stoppingToken)));
    }

    private async Task SuperviseAsync(string name, string evaluator, string address, string key, CancellationToken stopping)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stopping.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            using var process = Start(name, evaluator, address, key);
            _processIds[name] = process.Id;
            Interlocked.Increment(ref _running);
            try
            {
                await process.WaitForExitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                var stoppedAlone = await ChildProcessStop.StopAsync(process, StopGrace);
                LogStopped(logger, name, stoppedAlone ? "stopped" : $"killed after {StopGrace.TotalSeconds:F0} s");
                return;
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
            LogExited(logger, name, process.ExitCode);
            backoff = watch.Elapsed > TimeSpan.FromMinutes(1) ? TimeSpan.FromSeconds(1) : Min(backoff * 2, MaxBackoff);
            await Task.Delay(backoff, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private Process Start(string name, string evaluator, string address, string key)
    {
        var start = new ProcessStartInfo(EvaluatorLocator.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     evaluator, "--server", address, "--device", options.Value.WorkerDevice, "--slots", "1", "--name", name,
                     "--work-dir", Path.Combine(storage.Value.DataDirectoryFullPath, "workers", name),
                     "--exit-with-parent", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
            start.ArgumentList.Add(argument);
        if (options.Value.UnsafeNoSandbox)
            start.ArgumentList.Add("--unsafe-no-sandbox");
        if (!options.Value.VerdictLane)
            start.ArgumentList.Add("--no-verdict-lane");
        // The key travels in the environment, not on the command line where `ps` shows it.
        start.Environment["CONTEST_WORKER_TOKEN"] = key;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start worker {name}");
        process.OutputDataReceived += (_, e) => Forward(name, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(name, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Forward(string name, string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
            LogWorkerOutput(logger, name, line);
    }

    private string LocalAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.First();
        var uri = new Uri(chosen.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" or "localhost" ? "127.0.0.1" : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}";
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Starting {Count} local worker(s) from {Evaluator} against {Address}")]
    private static partial void LogStarting(ILogger logger, int count, string evaluator, string address);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "No evaluator found at {Where}: no local workers. Build src/Evaluator, pass --worker-path, or start workers by hand")]
    private static partial void LogNoEvaluator(ILogger logger, string where);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "Worker {Name} exited with code {ExitCode}; restarting")]
    private static partial void LogExited(ILogger logger, string name, int exitCode);

    [LoggerMessage(EventId = 34, Level = LogLevel.Information, Message = "Stopping: local worker {Name} {How}")]
    private static partial void LogStopped(ILogger logger, string name, string how);

    [LoggerMessage(EventId = 33, Level = LogLevel.Information, Message = "[{Name}] {Line}")]
    private static partial void LogWorkerOutput(ILogger logger, string name, string line);
}
