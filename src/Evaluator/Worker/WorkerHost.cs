using System.Diagnostics;
using System.Reflection;
using Contest.Contracts.Transport;
using Contest.Contracts.V1;
using Contest.Evaluator.Worker.Sandbox;
using Contest.Evaluator.Worker.Warm;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Contest.Evaluator.Worker;

/// <summary>
/// An evaluation worker: registers with the server, then in each of its slots leases a job, runs it
/// in its own process, confined by <paramref name="containment"/>, and leases the next. Besides its
/// general slots (any kind, verdicts first) it keeps verdict lanes: slots that lease only verdicts,
/// so a submission's verdicts never wait behind long evaluations. Verdicts go to warm model
/// processes (<see cref="ModelServerPool"/>) that load each defense once. Survives server restarts
/// (it retries with backoff).
/// </summary>
internal sealed partial class WorkerHost(WorkerOptions options, JobContainment containment, TimeProvider timeProvider, ILogger logger)
{
    private const int LeaseWaitSeconds = 20;
    private static readonly JobKind[] VerdictsOnly = [JobKind.Verdict];

    public async Task<int> RunAsync(CancellationToken stopping)
    {
        using var connection = new WorkerConnection(options.Server, options.Token);
        using var parentGone = new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping, parentGone.Token);
        if (options.ExitWithParent is { } parent)
            _ = WatchParentAsync(parent, parentGone, stop.Token);

        RegisterWorkerResponse registration;
        try
        {
            registration = await RegisterAsync(connection, stop.Token);
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
        LogRegistered(logger, registration.WorkerId, options.Server, options.Slots, options.VerdictLanes);
        LogWarmModels(logger, options.WarmModels.Enabled
            ? $"up to {options.WarmModels.Capacity} warm model process(es), each replaced after {options.WarmModels.MaxRequests} images or {options.WarmModels.Idle.TotalMinutes:0.#} min unused, batches of up to {options.WarmModels.MaxBatch}"
            : "none: every verdict runs in a fresh process");
        LogContainment(logger, containment.Describe());
        if (containment.Cgroups is null)
            LogNoCgroups(logger, containment.CgroupProblem);

        var fetcher = new InputFetcher(connection, Path.Combine(options.WorkDirectory, "cache"));
        var heartbeat = TimeSpan.FromSeconds(Math.Max(1, registration.HeartbeatSeconds));
        await using var warmModels = options.WarmModels.Enabled
            ? new ModelServerPool(options.WarmModels, containment, options.WorkDirectory, timeProvider, logger)
            : null;
        warmModels?.SweepStaleFolders();
        var supervisor = new JobSupervisor(connection, fetcher, options, containment, heartbeat, timeProvider, logger, warmModels);
        var slots = Enumerable.Range(0, Math.Max(1, options.Slots))
            .Select(_ => SlotLoopAsync(connection, registration.WorkerId, supervisor, [], stop.Token))
            .ToList();
        slots.AddRange(Enumerable.Range(0, Math.Max(0, options.VerdictLanes))
            .Select(_ => SlotLoopAsync(connection, registration.WorkerId, supervisor, VerdictsOnly, stop.Token)));
        if (warmModels is not null)
            slots.Add(RetireIdleLoopAsync(warmModels, stop.Token));
        await Task.WhenAll(slots);
        LogStopped(logger);
        return 0;
    }

    private async Task<RegisterWorkerResponse> RegisterAsync(WorkerConnection connection, CancellationToken cancellationToken)
    {
        var info = new WorkerInfo
        {
            Name = options.Name,
            Device = options.Device,
            Slots = options.Slots,
            Host = Environment.MachineName,
            ProcessId = Environment.ProcessId,
            Version = Assembly.GetExecutingAssembly().GetName().Version?.ToString() ?? "",
        };
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                return await connection.Workers.RegisterWorkerAsync(new RegisterWorkerRequest { Info = info }, cancellationToken: cancellationToken);
            }
            catch (RpcException e) when (TransientRetry.IsTransient(e))
            {
                LogWaitingForServer(logger, options.Server);
                await Task.Delay(delay, timeProvider, cancellationToken);
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            }
        }
    }

    /// <summary>Leases and runs jobs one after another: of the given kinds, or any kind when none are given.</summary>
    private async Task SlotLoopAsync(WorkerConnection connection, string workerId, JobSupervisor supervisor, JobKind[] kinds,
        CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var request = new LeaseJobRequest { WorkerId = workerId, WaitSeconds = LeaseWaitSeconds };
                request.Kinds.AddRange(kinds);
                var response = await connection.Workers.LeaseJobAsync(request, cancellationToken: stopping);
                if (response.Assignment is { } assignment)
                    await supervisor.RunAsync(assignment, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Cancelled && stopping.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e)
            {
                LogLeaseError(logger, e.Status.Detail);
                await Task.Delay(TimeSpan.FromSeconds(2), timeProvider, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One job's trouble never ends the worker: this slot waits a little and leases again.
                LogSlotError(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(2), timeProvider, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task RetireIdleLoopAsync(ModelServerPool warmModels, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(15), timeProvider, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            warmModels.RetireIdle();
        }
    }

    private async Task WatchParentAsync(int parentId, CancellationTokenSource parentGone, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                using var parent = Process.GetProcessById(parentId);
                if (parent.HasExited)
                    break;
            }
            catch (ArgumentException)
            {
                break;
            }
            await Task.Delay(TimeSpan.FromSeconds(1), timeProvider, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        if (!stopping.IsCancellationRequested)
        {
            LogParentGone(logger, parentId);
            await parentGone.CancelAsync();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Registered as worker {WorkerId} with {Server}, {Slots} slot(s) and {Lanes} verdict lane(s)")]
    private static partial void LogRegistered(ILogger logger, string workerId, string server, int slots, int lanes);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Verdicts: {WarmModels}")]
    private static partial void LogWarmModels(ILogger logger, string warmModels);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Waiting for the server at {Server}")]
    private static partial void LogWaitingForServer(ILogger logger, string server);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Leasing failed: {Detail}")]
    private static partial void LogLeaseError(ILogger logger, string detail);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "A job slot failed; it goes on leasing")]
    private static partial void LogSlotError(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Jobs: {Containment}")]
    private static partial void LogContainment(ILogger logger, string containment);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "No cgroup per job ({Problem}): memory is sampled every 500 ms instead of enforced by the kernel, and processes are not limited")]
    private static partial void LogNoCgroups(ILogger logger, string problem);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Worker stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Process {ParentId} that started this worker has ended; stopping")]
    private static partial void LogParentGone(ILogger logger, int parentId);
}
