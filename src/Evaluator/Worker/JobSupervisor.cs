using System.Globalization;
using Contest.Contracts.Transport;
using Contest.Contracts.V1;
using Contest.Evaluator.Data;
using Contest.Evaluator.Jobs;
using Contest.Evaluator.Worker.Sandbox;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Contest.Evaluator.Worker;

/// <summary>
/// Runs one leased job: fetches its inputs, starts its process, renews the lease with progress,
/// enforces the wall time (the kernel enforces the rest, see <see cref="JobContainment"/>), and reports
/// the result (or the reason it failed) once.
/// </summary>
internal sealed partial class JobSupervisor(
    WorkerConnection connection,
    InputFetcher fetcher,
    WorkerOptions options,
    JobContainment containment,
    TimeSpan heartbeatInterval,
    TimeProvider timeProvider,
    ILogger logger,
    Warm.ModelServerPool? warmModels = null)
{
    private static readonly TimeSpan LimitPollInterval = TimeSpan.FromMilliseconds(500);

    public async Task RunAsync(JobAssignment assignment, CancellationToken stopping)
    {
        var job = assignment.Job;
        var spec = assignment.Spec;
        var directory = new JobDirectory(Path.Combine(options.WorkDirectory, "jobs", $"{job.Id}-{assignment.Attempt}"));
        var progress = new ProgressTracker(timeProvider);
        using var lease = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var heartbeats = HeartbeatLoopAsync(assignment.LeaseId, job.Id, progress, lease);
        LogStarted(logger, job.Id, job.Kind.ToString(), assignment.Attempt);

        try
        {
            if (spec.Kind == JobKind.Verdict && warmModels is not null)
            {
                var verdict = await WarmVerdictAsync(assignment, progress, lease.Token);
                await ReportAsync(assignment, null, verdict, lease.Token);
                return;
            }
            progress.Set("fetching inputs", 0, 0, "");
            var inputs = await PrepareInputsAsync(assignment, lease.Token);
            if (ModelScreening.RefusalFor(spec, inputs.ModelPath) is { } refusal)
            {
                await FailAsync(assignment.LeaseId, refusal, retryable: false, lease.Token);
                return;
            }
            var handoff = directory.Prepare(spec, inputs);
            var outcome = await RunProcessAsync(job.Id, assignment.LeaseId, directory, handoff, spec, progress, lease.Token);
            await ReportAsync(assignment, directory, outcome, lease.Token);
        }
        catch (OperationCanceledException) when (lease.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            LogLeaseLost(logger, job.Id);
        }
        catch (Exception e) when (e is RpcException or IOException or InvalidDataException && !stopping.IsCancellationRequested)
        {
            // Trouble on our side (network, disk): let another attempt try.
            await TryFailAsync(assignment.LeaseId, $"the worker could not run the job: {e.Message}", retryable: true, stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException && !stopping.IsCancellationRequested)
        {
            // Whatever went wrong with this job, the worker's other slots go on serving.
            LogUnexpected(logger, job.Id, e);
            await TryFailAsync(assignment.LeaseId, $"the worker could not run the job ({e.GetType().Name}).", retryable: true, stopping);
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // The worker is stopping: the job's process is gone; the server queues the job again at once.
            await LeaseRelease.TryAsync(connection, assignment.LeaseId, job.Id, logger);
        }
        finally
        {
            await lease.CancelAsync();
            await heartbeats;
            TryDelete(directory.Path);
        }
    }

    /// <summary>A verdict through the defense's warm model process: only the attack image is fetched unless the process must start.</summary>
    private async Task<JobOutcome> WarmVerdictAsync(JobAssignment assignment, ProgressTracker progress, CancellationToken cancellationToken)
    {
        var spec = assignment.Spec;
        progress.Set("fetching inputs", 0, 0, "");
        if (spec.Verdict is not { ImageSha256.Length: > 0 } || spec.Defense is not { Sha256.Length: > 0 })
            return JobOutcome.Failed("the verdict job names no attack image or no defense.", retryable: false);
        var image = await fetcher.BlobAsync(assignment.LeaseId, spec.Verdict.ImageSha256, cancellationToken);
        progress.Set("verdict", 0, 1, "");
        return await warmModels!.VerdictAsync(spec, options.Device, image, async ct =>
        {
            var model = await fetcher.BlobAsync(assignment.LeaseId, spec.Defense.Sha256, ct);
            return ModelScreening.RefusalFor(spec, model) is { } refusal ? throw new Warm.ModelRefusedException(refusal) : model;
        }, cancellationToken);
    }

    private async Task<JobInputs> PrepareInputsAsync(JobAssignment assignment, CancellationToken cancellationToken)
    {
        var spec = assignment.Spec;
        string? model = null;
        if (spec.Defense is { Sha256.Length: > 0 })
            model = await fetcher.BlobAsync(assignment.LeaseId, spec.Defense.Sha256, cancellationToken);

        (IReadOnlyList<LocalImage> Images, string Dataset) split = spec.Kind is JobKind.Eligibility or JobKind.Evaluate or JobKind.TrainReference or JobKind.Analysis
            ? await fetcher.JobImagesAsync(assignment.LeaseId, cancellationToken)
            : ([], "");

        // A training job's earlier attempt may have left a checkpoint to resume from.
        string? checkpoint = null;
        if (spec.ResumeCheckpointSha256.Length > 0)
            checkpoint = await fetcher.BlobAsync(assignment.LeaseId, spec.ResumeCheckpointSha256, cancellationToken);

        string? attackImage = null;
        if (spec.Verdict is { ImageSha256.Length: > 0 })
            attackImage = await fetcher.BlobAsync(assignment.LeaseId, spec.Verdict.ImageSha256, cancellationToken);

        var prior = new List<PriorAttackImage>();
        foreach (var attack in spec.PriorAttacks)
            prior.Add(new PriorAttackImage(attack.AttackId, Label.Unspecified, await fetcher.BlobAsync(assignment.LeaseId, attack.ImageSha256, cancellationToken)));

        return new JobInputs(options.Device, model, split.Images, attackImage, prior, split.Dataset, checkpoint);
    }

    private async Task<JobOutcome> RunProcessAsync(
        string jobId, string leaseId, JobDirectory directory, byte[] handoff, JobSpec spec, ProgressTracker progress, CancellationToken cancellationToken)
    {
        if (!containment.Sandboxed)
            LogUnsandboxed(logger, jobId);
        var wall = spec.Limits?.WallSeconds > 0 ? TimeSpan.FromSeconds(spec.Limits.WallSeconds) : TimeSpan.FromHours(24);
        var memory = spec.Limits?.MemoryBytes > 0 ? spec.Limits.MemoryBytes : long.MaxValue;
        var limits = ProcessLimits.For(wall, memory) with
        {
            // Verdicts are what people wait for: everything else yields the CPU to them.
            Niceness = spec.Kind == JobKind.Verdict ? 0 : ProcessLimits.BackgroundNiceness,
        };
        var launch = new JobLaunch(directory.Path, limits, containment);
        using var process = JobProcess.Start(launch, handoff, line => progress.Set(line.Phase, line.Done, line.Total, line.Message));
        var started = timeProvider.GetTimestamp();
        var exited = process.WaitForExitAsync(CancellationToken.None);
        await using var checkpoints = new CheckpointUploader(connection, leaseId, directory, logger);

        while (!exited.IsCompleted)
        {
            checkpoints.Poll();
            await Task.WhenAny(exited, Task.Delay(LimitPollInterval, timeProvider, CancellationToken.None));
            if (exited.IsCompleted)
                break;
            if (cancellationToken.IsCancellationRequested)
            {
                process.Kill();
                cancellationToken.ThrowIfCancellationRequested();
            }
            if (timeProvider.GetElapsedTime(started) > wall)
            {
                process.Kill();
                return JobOutcome.Failed(LimitExplanation.WallTimeExceeded(wall, progress.Phase));
            }
            // Without a cgroup of its own the job's memory is only sampled.
            if (!process.KernelLimited && process.MemoryBytes > memory)
            {
                process.Kill();
                return JobOutcome.Failed(LimitExplanation.MemoryExceeded(memory, progress.Phase), modelMessage: JobOutcome.ProcessSaid(process, directory));
            }
        }

        return JobOutcome.Of(spec, directory, process, limits, progress.Phase);
    }

    private async Task ReportAsync(JobAssignment assignment, JobDirectory? directory, JobOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Result is null)
        {
            await FailAsync(assignment.LeaseId, outcome.Reason, outcome.Retryable, cancellationToken, outcome.ModelMessage);
            return;
        }
        IReadOnlyList<(string Name, string Path)> files;
        try
        {
            files = directory?.Artifacts() ?? [];
        }
        catch (InvalidDataException e)
        {
            await FailAsync(assignment.LeaseId, $"the job's output was refused: {e.Message}", retryable: false, cancellationToken);
            return;
        }
        foreach (var (name, path) in files)
            await ArtifactUploader.UploadAsync(connection, assignment.LeaseId, name, path, cancellationToken);
        var result = outcome.Result;
        result.LeaseId = assignment.LeaseId;
        var response = await WorkerConnection.Retry.ExecuteAsync(async ct => await connection.Workers.CompleteJobAsync(result, cancellationToken: ct), cancellationToken);
        LogFinished(logger, assignment.Job.Id, response.Accepted ? "succeeded" : $"result not recorded: {response.Message}");
    }

    private async Task TryFailAsync(string leaseId, string reason, bool retryable, CancellationToken cancellationToken)
    {
        try
        {
            await FailAsync(leaseId, reason, retryable, cancellationToken);
        }
        catch (RpcException)
        {
            // The server cannot be told; the lease lapses and the job returns to the queue.
        }
    }

    private async Task FailAsync(string leaseId, string reason, bool retryable, CancellationToken cancellationToken, string modelMessage = "")
    {
        // The model's words are not logged: the log is the operator's, and they are the defender's.
        LogFailed(logger, leaseId, reason);
        await WorkerConnection.Retry.ExecuteAsync(async ct =>
            await connection.Workers.FailJobAsync(
                new FailJobRequest { LeaseId = leaseId, Reason = reason, Retryable = retryable, ModelMessage = modelMessage }, cancellationToken: ct),
            cancellationToken);
    }

    private async Task HeartbeatLoopAsync(string leaseId, string jobId, ProgressTracker progress, CancellationTokenSource lease)
    {
        while (!lease.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(heartbeatInterval, timeProvider, lease.Token);
                var response = await connection.Workers.HeartbeatAsync(
                    new HeartbeatRequest { LeaseId = leaseId, Progress = progress.ToProto(jobId) }, cancellationToken: lease.Token);
                if (response.CancelRequested)
                {
                    LogCancelled(logger, jobId, response.CancelReason);
                    await lease.CancelAsync();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RpcException e) when (TransientRetry.IsTransient(e))
            {
                // The server is briefly unreachable; the lease outlives a few missed beats.
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Job {JobId} ({Kind}) started, attempt {Attempt}")]
    private static partial void LogStarted(ILogger logger, string jobId, string kind, int attempt);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Job {JobId}: {Outcome}")]
    private static partial void LogFinished(ILogger logger, string jobId, string outcome);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Job under lease {LeaseId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string leaseId, string reason);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Job {JobId} cancelled by the server: {Reason}")]
    private static partial void LogCancelled(ILogger logger, string jobId, string reason);

    [LoggerMessage(EventId = 15, Level = LogLevel.Error, Message = "Job {JobId}: the worker failed to handle it")]
    private static partial void LogUnexpected(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "Job {JobId}: stopped, its lease is gone")]
    private static partial void LogLeaseLost(ILogger logger, string jobId);

    [LoggerMessage(EventId = 16, Level = LogLevel.Warning, Message = "Job {JobId} runs WITHOUT a sandbox (--unsafe-no-sandbox): the model can read this worker's files and reach its network")]
    private static partial void LogUnsandboxed(ILogger logger, string jobId);
}
