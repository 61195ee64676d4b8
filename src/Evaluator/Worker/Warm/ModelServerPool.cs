using Contest.Contracts.V1;
using Contest.Evaluator.Jobs;
using Contest.Evaluator.Worker.Sandbox;
using Microsoft.Extensions.Logging;

namespace Contest.Evaluator.Worker.Warm;

/// <summary>
/// The worker's warm model processes for verdicts, one per recently used defense (by model SHA-256,
/// format and device). A verdict goes to its defense's process, started on first use; the process is
/// replaced after <see cref="WarmModelOptions.MaxRequests"/> images, stopped after
/// <see cref="WarmModelOptions.Idle"/> unused or when another defense needs its place, and dropped
/// when it dies. A crash costs the image it was answering: that image is tried once more, alone, in
/// a fresh process, and a second crash is the defense's failure.
/// </summary>
internal sealed partial class ModelServerPool(
    WarmModelOptions options, JobContainment containment, string workDirectory, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<Task> _retiring = [];
    private long _nextFolder;

    /// <summary>
    /// Removes the folders of warm processes whose worker is gone (killed before it could clean up);
    /// each folder is named after the worker process that made it.
    /// </summary>
    public void SweepStaleFolders()
    {
        var root = Path.Combine(workDirectory, "models");
        if (!Directory.Exists(root))
            return;
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            var owner = Path.GetFileName(folder).Split('-')[0];
            if (int.TryParse(owner, out var pid) && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    /// <summary>Processes started and forwards sent so far.</summary>
    public WarmCounters Counters { get; } = new();

    /// <summary>The verdict of <paramref name="spec"/> on the attack image at <paramref name="imagePath"/>.</summary>
    /// <param name="modelPath">Fetches (and screens) the model file; called only when a process must start.</param>
    public async Task<JobOutcome> VerdictAsync(JobSpec spec, string device, string imagePath, Func<CancellationToken, Task<string>> modelPath,
        CancellationToken cancellationToken)
    {
        var defense = spec.Defense ?? throw new InvalidDataException("the verdict job names no defense.");
        var key = $"{defense.Sha256}/{defense.Format}/{device}";
        var (server, refusal) = await AcquireAsync(key, spec, device, modelPath, cancellationToken);
        var answer = refusal ?? await server!.ForwardAsync(imagePath, alone: false).WaitAsync(cancellationToken);
        if (answer.IsCrash)
        {
            LogRetrying(logger, defense.Id, answer.Crash!);
            answer = await OnceInFreshProcessAsync(spec, device, imagePath, modelPath, cancellationToken);
        }
        return answer.ToOutcome();
    }

    /// <summary>Stops processes unused for longer than the idle time; the worker calls it now and then.</summary>
    public void RetireIdle()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            foreach (var (key, entry) in _entries.ToList())
            {
                if (entry.Server is { Waiting: 0 } server && now - server.LastUsed > options.Idle)
                    RetireLocked(key, "idle");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            foreach (var key in _entries.Keys.ToList())
                RetireLocked(key, "the worker is stopping");
        }
        Task[] retiring;
        lock (_gate)
            retiring = [.. _retiring];
        await Task.WhenAll(retiring);
    }

    private async Task<(ModelServer? Server, WarmAnswer? Refusal)> AcquireAsync(
        string key, JobSpec spec, string device, Func<CancellationToken, Task<string>> modelPath, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var existing) && existing.Server is { } current && (!current.Alive || current.Answered >= options.MaxRequests))
                RetireLocked(key, current.Alive ? $"it answered {current.Answered} images" : "it died");
            if (!_entries.TryGetValue(key, out entry!))
            {
                MakeRoomLocked();
                // Started once for everyone who needs it; not tied to the first caller's lease.
                entry = new Entry(StartAsync(spec, device, modelPath), spec.Defense.Id);
                _entries[key] = entry;
            }
        }
        (ModelServer? Server, WarmAnswer? Refusal) started;
        try
        {
            started = await entry.Started.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Started.IsFaulted)
        {
            // The worker's own trouble (the model could not be fetched, the process not started): the next verdict starts afresh.
            Forget(key, entry);
            throw;
        }
        if (started.Server is null)
            Forget(key, entry);
        return started;
    }

    private void Forget(string key, Entry entry)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
                _entries.Remove(key);
        }
    }

    private async Task<(ModelServer? Server, WarmAnswer? Refusal)> StartAsync(JobSpec spec, string device, Func<CancellationToken, Task<string>> modelPath)
    {
        var started = await FetchAndStartAsync(spec, device, modelPath, options.MaxBatch, CancellationToken.None);
        if (started.Server is not null)
            LogStarted(logger, spec.Defense.Id);
        return started;
    }

    private async Task<WarmAnswer> OnceInFreshProcessAsync(JobSpec spec, string device, string imagePath,
        Func<CancellationToken, Task<string>> modelPath, CancellationToken cancellationToken)
    {
        var (server, refusal) = await FetchAndStartAsync(spec, device, modelPath, 1, cancellationToken);
        if (server is null)
            return refusal!;
        await using (server)
            return await server.ForwardAsync(imagePath, alone: true).WaitAsync(cancellationToken);
    }

    /// <summary>Fetches (and screens) the model, then starts a process for it: a server, or the answer that replaces one.</summary>
    private async Task<(ModelServer? Server, WarmAnswer? Refusal)> FetchAndStartAsync(JobSpec spec, string device,
        Func<CancellationToken, Task<string>> modelPath, int maxBatch, CancellationToken cancellationToken)
    {
        string path;
        try
        {
            path = await modelPath(cancellationToken);
        }
        catch (ModelRefusedException e)
        {
            return (null, WarmAnswer.Failed(new JobFailure(e.Message, Retryable: false)));
        }
        return await ModelServer.StartAsync(spec, path, device, NewFolder(), containment, maxBatch, time, Counters, cancellationToken);
    }

    private void MakeRoomLocked()
    {
        while (_entries.Count >= options.Capacity)
        {
            // The least recently used process goes; one still answering finishes its queue first.
            var oldest = _entries.OrderBy(e => e.Value.Server?.Waiting > 0 ? 1 : 0)
                .ThenBy(e => e.Value.Server?.LastUsed ?? DateTimeOffset.MaxValue)
                .First();
            RetireLocked(oldest.Key, "another defense needs its place");
        }
    }

    private void RetireLocked(string key, string why)
    {
        if (!_entries.Remove(key, out var entry))
            return;
        LogRetired(logger, entry.DefenseId, why);
        _retiring.Add(Task.Run(async () =>
        {
            try
            {
                var (server, _) = await entry.Started;
                if (server is not null)
                    await server.DisposeAsync();
            }
            catch (Exception e)
            {
                LogRetireFailed(logger, e);
            }
        }));
        _retiring.RemoveAll(t => t.IsCompleted);
    }

    private JobDirectory NewFolder() =>
        new(Path.Combine(workDirectory, "models", $"{Environment.ProcessId}-{Interlocked.Increment(ref _nextFolder)}"));

    private sealed record Entry(Task<(ModelServer? Server, WarmAnswer? Refusal)> Started, string DefenseId)
    {
        public ModelServer? Server => Started.IsCompletedSuccessfully ? Started.Result.Server : null;
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Warm model process for defense {DefenseId} is ready")]
    private static partial void LogStarted(ILogger logger, string defenseId);

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "Warm model process for defense {DefenseId} stopped: {Why}")]
    private static partial void LogRetired(ILogger logger, string defenseId, string why);

    [LoggerMessage(EventId = 43, Level = LogLevel.Warning, Message = "A warm model process could not be stopped cleanly")]
    private static partial void LogRetireFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "Warm model process for defense {DefenseId} crashed ({Why}); the image is tried once more in a fresh process")]
    private static partial void LogRetrying(ILogger logger, string defenseId, string why);
}

/// <summary>The model file was refused before any process loaded it (screening); the reason is for the defender.</summary>
internal sealed class ModelRefusedException(string reason) : Exception(reason);
