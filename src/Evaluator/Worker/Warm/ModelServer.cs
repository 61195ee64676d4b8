using System.Threading.Channels;
using Contest.Contracts.V1;
using Contest.Evaluator.Data;
using Contest.Evaluator.Jobs;
using Contest.Evaluator.Jobs.Serving;
using Contest.Evaluator.Worker.Sandbox;

namespace Contest.Evaluator.Worker.Warm;

/// <summary>
/// One warm model process for one defense and its queue. Verdict images wait in the queue; whenever
/// the process is free, everything waiting (up to the batch size) goes through the model as one
/// forward. A batch the model fails on as a whole is asked again image by image, so one image's
/// trouble is that image's alone. When the process dies, hangs past the wall time or breaks a limit
/// or the protocol, every image it held gets a crash answer (to be tried in a fresh process) and the
/// server is dead for good.
/// </summary>
internal sealed class ModelServer : IAsyncDisposable
{
    private const string ProtocolBroken = "the model process broke the evaluator's protocol (it wrote on the evaluator's channel or closed it).";
    private static readonly TimeSpan MemoryPollInterval = TimeSpan.FromMilliseconds(500);
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ModelServerProcess _process;
    private readonly JobDirectory _folder;
    private readonly ProcessLimits _limits;
    private readonly TimeSpan _wall;
    private readonly int _maxBatch;
    private readonly TimeProvider _time;
    private readonly Task _pump;
    private readonly WarmCounters _counters;
    private long _nextId;
    private int _waiting;
    private int _answered;
    private string? _death;

    private ModelServer(ModelServerProcess process, JobDirectory folder, ProcessLimits limits, TimeSpan wall, int maxBatch, TimeProvider time,
        WarmCounters counters)
    {
        _counters = counters;
        _process = process;
        _folder = folder;
        _limits = limits;
        _wall = wall;
        _maxBatch = Math.Max(1, maxBatch);
        _time = time;
        LastUsed = time.GetUtcNow();
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Images answered so far.</summary>
    public int Answered => Volatile.Read(ref _answered);

    /// <summary>Images queued or in the model now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public DateTimeOffset LastUsed { get; private set; }

    public bool Alive => Volatile.Read(ref _death) is null;

    /// <summary>
    /// Starts the process for the defense of <paramref name="spec"/> in <paramref name="folder"/>
    /// (the model at <paramref name="modelPath"/> on the host) and waits until it has loaded the model:
    /// a server, or the answer every verdict waiting for it gets (the defense failed to load, or crashed).
    /// </summary>
    public static async Task<(ModelServer? Server, WarmAnswer? Refusal)> StartAsync(
        JobSpec spec, string modelPath, string device, JobDirectory folder, JobContainment containment, int maxBatch, TimeProvider time,
        WarmCounters counters, CancellationToken cancellationToken)
    {
        var wall = spec.Limits?.WallSeconds > 0 ? TimeSpan.FromSeconds(spec.Limits.WallSeconds) : TimeSpan.FromMinutes(2);
        var memory = spec.Limits?.MemoryBytes > 0 ? spec.Limits.MemoryBytes : long.MaxValue;
        // CPU time over the process's life: a backstop against a model that keeps computing between
        // requests; a process that reaches it dies, and its next request is tried in a fresh one.
        var limits = ProcessLimits.For(wall * 8, memory);
        var handoff = folder.Prepare(spec, new JobInputs(device, modelPath, [], null, []));
        var process = ModelServerProcess.Start(new JobLaunch(folder.Path, limits, containment));
        counters.ProcessStarted();
        try
        {
            await process.SendAsync(handoff, cancellationToken);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(wall);
            var ready = await ReceiveWatchingMemoryAsync(process, memory, deadline.Token);
            if (ready is { Ready: true })
                return (new ModelServer(process, folder, limits, wall, maxBatch, time, counters), null);
            var refusal = ready?.Failure is { } failure
                ? WarmAnswer.Failed(failure)
                : await DeathAsync(process, folder, limits, PhaseNames.LoadingModel, ready is null ? null : ProtocolBroken);
            process.Dispose();
            return (null, refusal);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var answer = await DeathAsync(process, folder, limits, PhaseNames.LoadingModel, LimitExplanation.WallTimeExceeded(wall, PhaseNames.LoadingModel));
            process.Dispose();
            return (null, answer);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or MemoryLimitException)
        {
            var answer = await DeathAsync(process, folder, limits, PhaseNames.LoadingModel,
                e is MemoryLimitException ? LimitExplanation.MemoryExceeded(memory, PhaseNames.LoadingModel) : null);
            process.Dispose();
            return (null, answer);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Queues one image; <paramref name="alone"/> keeps it out of any batch (a retry after a crash).</summary>
    public Task<WarmAnswer> ForwardAsync(string imagePath, bool alone)
    {
        var pending = new Pending(imagePath, alone, new TaskCompletionSource<WarmAnswer>(TaskCreationOptions.RunContinuationsAsynchronously));
        Interlocked.Increment(ref _waiting);
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _waiting);
            return Task.FromResult(WarmAnswer.Crashed(_death ?? "the warm model process was stopped.", ""));
        }
        return pending.Answer.Task;
    }

    /// <summary>Takes no more images; those already queued are answered, then the process stops.</summary>
    public void Retire() => _queue.Writer.TryComplete();

    public async ValueTask DisposeAsync()
    {
        Retire();
        await _pump;
        _process.Dispose();
        TryDelete(_folder.Path);
    }

    private async Task PumpAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            var batch = new List<Pending>();
            while (batch.Count < _maxBatch && reader.TryPeek(out var next) && (batch.Count == 0 || (!next.Alone && !batch[0].Alone)))
            {
                reader.TryRead(out var taken);
                batch.Add(taken!);
            }
            if (!Alive)
            {
                Finish(batch, _ => WarmAnswer.Crashed(_death!, ""));
                continue;
            }
            var answers = await ForwardBatchAsync(batch);
            if (answers is null && batch.Count > 1)
            {
                // The model failed the batch as a whole: ask again image by image, so the failure is attributed.
                answers = [];
                foreach (var single in batch)
                {
                    answers.Add(Alive && await ForwardBatchAsync([single]) is [var one]
                        ? one
                        : WarmAnswer.Crashed(_death ?? ProtocolBroken, ""));
                }
            }
            Finish(batch, i => answers![i]);
        }
        _process.Kill();
    }

    private void Finish(List<Pending> batch, Func<int, WarmAnswer> answerOf)
    {
        LastUsed = _time.GetUtcNow();
        for (var i = 0; i < batch.Count; i++)
        {
            Interlocked.Increment(ref _answered);
            Interlocked.Decrement(ref _waiting);
            batch[i].Answer.TrySetResult(answerOf(i));
        }
    }

    /// <summary>Answers for the batch; null when the model failed it as a whole and it holds more than one image.</summary>
    private async Task<List<WarmAnswer>?> ForwardBatchAsync(List<Pending> batch)
    {
        var id = Interlocked.Increment(ref _nextId);
        var placed = batch.Select((p, i) => _folder.PlaceRequestImage(p.ImagePath, id, i)).ToList();
        try
        {
            using var deadline = new CancellationTokenSource(_wall);
            await _process.SendLineAsync(new ServeMessage { Id = id, Images = placed }.ToLine(), deadline.Token);
            _counters.Forwarded(batch.Count);
            var answer = await ReceiveWatchingMemoryAsync(_process, _limits.MemoryBytes, deadline.Token);
            if (answer is null)
                return await DieAsync(batch.Count, null);
            if (answer.Id != id)
                return await DieAsync(batch.Count, ProtocolBroken);
            if (answer.Failure is { } failure)
                return batch.Count > 1 ? null : [WarmAnswer.Failed(failure)];
            if (answer.Logits is not { } logits || logits.Count != batch.Count || logits.Any(l => l is not { Length: 2 }))
                return await DieAsync(batch.Count, ProtocolBroken);
            return [.. logits.Select((l, i) => answer.ImageFailures?.ElementAtOrDefault(i) is { } imageFailure
                ? WarmAnswer.Failed(new JobFailure(imageFailure, Retryable: false))
                : WarmAnswer.Answered(l))];
        }
        catch (OperationCanceledException)
        {
            return await DieAsync(batch.Count, LimitExplanation.WallTimeExceeded(_wall, "answering a verdict"));
        }
        catch (MemoryLimitException)
        {
            return await DieAsync(batch.Count, LimitExplanation.MemoryExceeded(_limits.MemoryBytes, "answering a verdict"));
        }
        catch (InvalidDataException)
        {
            return await DieAsync(batch.Count, ProtocolBroken);
        }
        catch (IOException)
        {
            return await DieAsync(batch.Count, null);
        }
        finally
        {
            foreach (var path in placed)
                _folder.RemoveRequestImage(path);
        }
    }

    private async Task<List<WarmAnswer>> DieAsync(int count, string? reason)
    {
        var answer = await DeathAsync(_process, _folder, _limits, "answering a verdict", reason);
        Volatile.Write(ref _death, answer.Crash);
        _queue.Writer.TryComplete();
        return [.. Enumerable.Repeat(answer, count)];
    }

    /// <summary>Stops the process and says why it is no good: the given reason, a limit it broke, or how it ended.</summary>
    private static async Task<WarmAnswer> DeathAsync(ModelServerProcess process, JobDirectory folder, ProcessLimits limits, string phase, string? reason)
    {
        if (reason is not null)
            process.Kill();
        await process.WaitForExitAsync(TimeSpan.FromSeconds(5));
        var exitCode = process.HasExited ? process.ExitCode : CrashExplanation.KilledExitCode;
        var said = Contest.Core.Text.ModelText.Clean($"{string.Join(' ', process.Tail)} {folder.ReadProcessOutputTail()}");
        if (reason is not null)
            return WarmAnswer.Crashed(reason, said);
        if (LimitExplanation.Explain(exitCode, process.OutOfMemoryKilled, process.ProcessLimitHit, limits, phase) is { } overLimit)
            return WarmAnswer.Crashed(overLimit, said);
        return exitCode == 0
            ? WarmAnswer.Crashed(ProtocolBroken, said)
            : WarmAnswer.Crashed(CrashExplanation.Explain(exitCode, phase), said, CrashExplanation.IsRetryable(exitCode));
    }

    /// <summary>The next answer, while checking memory every half second where no cgroup enforces it.</summary>
    private static async Task<ServeMessage?> ReceiveWatchingMemoryAsync(ModelServerProcess process, long memoryLimit, CancellationToken cancellationToken)
    {
        var receive = process.ReceiveAsync(cancellationToken);
        while (!process.KernelLimited)
        {
            if (await Task.WhenAny(receive, Task.Delay(MemoryPollInterval, cancellationToken)) == receive)
                break;
            if (process.MemoryBytes > memoryLimit)
                throw new MemoryLimitException();
        }
        return await receive;
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
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed record Pending(string ImagePath, bool Alone, TaskCompletionSource<WarmAnswer> Answer);

    private sealed class MemoryLimitException : Exception;
}
