using System.Diagnostics;
using Contest.Server.Auth;
using Contest.Server.Infrastructure;
using Contest.Server.Jobs;
using Contest.Server.Workers;

namespace Contest.Server.Hosting;

/// <summary>
/// A prompt, visible stop (SIGTERM, Ctrl-C). The moment the host starts stopping, before the web server
/// waits for open calls: waiting LeaseJob calls answer with no job and no job is leased any more, every
/// watch stream ends with Unavailable, and the jobs of this server's local workers go back to the queue.
/// Then the host stops the web server (at most <see cref="ShutdownTimeout"/> for calls still open), the
/// local workers (<see cref="LocalWorkerPool"/>), writes the shutdown backup and checkpoints the records.
/// Each step says what it waits for.
/// </summary>
internal sealed partial class ServerShutdown(
    IHostApplicationLifetime lifetime,
    JobQueue queue,
    StreamGuard streams,
    LocalWorkerPool localWorkers,
    OpenCalls calls,
    ILogger<ServerShutdown> logger) : IHostedService
{
    /// <summary>The host's backstop: calls still open this long after the stop began are cut off.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The status a stream open at shutdown ends with.</summary>
    public const string StoppingMessage = "the server is stopping; reconnect once it is back.";

    private readonly Stopwatch _since = new();
    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(Begin);
        return Task.CompletedTask;
    }

    // Registered before the other services, so stopped after them: the last word before the records close.
    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_since.IsRunning)
            LogDone(logger, _since.Elapsed.TotalSeconds);
        _registration.Dispose();
        return Task.CompletedTask;
    }

    private void Begin()
    {
        _since.Start();
        LogBegin(logger, calls.Count, queue.WaitingLeaseCalls, streams.OpenCount, localWorkers.Running, queue.RunningCount);
        queue.StopLeasing();
        var ended = streams.EndAll(RpcErrors.Unavailable(StoppingMessage));
        var handedBack = localWorkers.HandBackLeases("the server is stopping");
        LogReleased(logger, ended, handedBack);
        LogWaiting(logger, calls.Count, ShutdownTimeout.TotalSeconds);
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Information,
        Message = "Stopping: {Calls} open call(s), of which {Waiting} waiting lease call(s) and {Streams} stream(s); {Workers} local worker(s); {Leases} job lease(s) held. No new calls or leases from now on")]
    private static partial void LogBegin(ILogger logger, int calls, int waiting, int streams, int workers, int leases);

    [LoggerMessage(EventId = 61, Level = LogLevel.Information,
        Message = "Stopping: waiting lease calls answered with no job, {Streams} stream(s) ended (Unavailable), {Jobs} job(s) of local workers handed back to the queue (other workers keep theirs)")]
    private static partial void LogReleased(ILogger logger, int streams, int jobs);

    [LoggerMessage(EventId = 62, Level = LogLevel.Information,
        Message = "Stopping: waiting for {Calls} open call(s) to finish (at most {Seconds:F0} s), then for the local workers, the shutdown backup and the records' checkpoint")]
    private static partial void LogWaiting(ILogger logger, int calls, double seconds);

    [LoggerMessage(EventId = 63, Level = LogLevel.Information, Message = "Stopping: calls, workers and backup done in {Seconds:F2} s; checkpointing the records")]
    private static partial void LogDone(ILogger logger, double seconds);
}
