using Contest.Contracts.V1;
using Contest.Server.Infrastructure.Storage;

namespace Contest.Server.Jobs;

/// <summary>How a job is leased: the most urgent queued job goes to the asking worker until its lease lapses.</summary>
internal sealed partial class JobQueue
{
    private int _waiting;

    /// <summary>True once the server is stopping (<see cref="StopLeasing"/>): no job is leased any more.</summary>
    public bool LeasingStopped => _signal.Stopped;

    /// <summary>LeaseJob calls waiting for a job now.</summary>
    public int WaitingLeaseCalls => Volatile.Read(ref _waiting);

    /// <summary>Jobs leased to a worker now.</summary>
    public int RunningCount => _jobs.Running().Count();

    /// <summary>The server is stopping: every waiting LeaseJob answers at once with no job, and no job is leased from now on.</summary>
    public void StopLeasing() => _signal.Stop();

    /// <summary>Waits up to <paramref name="wait"/> for a job of the given kinds and leases it (none once leasing stopped).</summary>
    public async Task<JobRecord?> LeaseAsync(string workerId, IReadOnlyCollection<JobKind> kinds, TimeSpan wait,
        CancellationToken cancellationToken)
    {
        var deadline = _clock.GetUtcNow() + wait;
        Interlocked.Increment(ref _waiting);
        try
        {
            while (true)
            {
                var signal = _signal.WaitAsync();
                if (TryLease(workerId, kinds) is { } job)
                    return job;
                var left = deadline - _clock.GetUtcNow();
                if (left <= TimeSpan.Zero || _signal.Stopped)
                    return null;
                // Look again at least once a second as well: a lease that lapsed elsewhere requeues its job.
                var poll = left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1);
                await Task.WhenAny(signal, Task.Delay(poll, _clock, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>Leases the most urgent queued job, if any (none while the gate is shut or once leasing stopped).</summary>
    public JobRecord? TryLease(string workerId, IReadOnlyCollection<JobKind> kinds)
    {
        if (!_gate.IsOpen || _signal.Stopped)
            return null;
        var job = _db.Write(() =>
        {
            // Checked again inside the write: a lease never slips in after the stop's hand-back.
            if (_signal.Stopped)
                return null;
            var next = _jobs.Queued()
                .Where(j => kinds.Count == 0 || kinds.Contains(j.Kind))
                .OrderByDescending(j => j.Priority)
                .ThenBy(j => j.CreatedAt)
                .FirstOrDefault();
            if (next is null)
                return null;
            next.Status = JobStatus.Running;
            next.LeaseId = Ids.New("lease");
            next.WorkerId = workerId;
            next.LeaseExpiresAt = Now.AddSeconds(_options.LeaseSeconds);
            next.Attempts++;
            next.StartedAt ??= Now;
            next.Progress = new ProgressState { Phase = "starting", UpdatedAt = Now, Message = $"attempt {next.Attempts} on worker {workerId}" };
            _jobs.Update(next);
            HandlerFor(next.Kind)?.OnStarted(next);
            return next;
        });
        if (job is not null)
            Publish(job);
        return job;
    }

    /// <summary>
    /// Renews a lease and records progress. Returns the job, or null when the lease is no longer
    /// current (expired and handed on, cancelled, finished): the worker must stop.
    /// </summary>
    public JobRecord? Heartbeat(string leaseId, JobProgress? progress)
    {
        var job = _db.Write(() =>
        {
            var job = _jobs.RunningUnder(leaseId);
            if (job is null)
                return null;
            job.LeaseExpiresAt = Now.AddSeconds(_options.LeaseSeconds);
            if (progress is not null)
            {
                job.Progress = new ProgressState
                {
                    Phase = progress.Phase,
                    Done = progress.Done,
                    Total = progress.Total,
                    Rate = progress.Rate,
                    EtaSeconds = progress.EtaSeconds,
                    Message = progress.Message,
                    UpdatedAt = Now,
                };
            }
            _jobs.Update(job);
            return job;
        });
        if (job is not null && progress is not null)
            Publish(job);
        return job;
    }

    /// <summary>The running job held under this lease, or null.</summary>
    public JobRecord? CurrentLease(string leaseId) => _jobs.RunningUnder(leaseId);

    /// <summary>
    /// Attaches a file the job produced, while its lease is current and within the job's caps on
    /// artifacts (count and total bytes; one of the same name is replaced). Returns null when attached,
    /// otherwise why not.
    /// </summary>
    public ArtifactRefusal? AttachArtifact(string leaseId, ArtifactState artifact) => _db.Write(() =>
    {
        var job = _jobs.RunningUnder(leaseId);
        if (job is null)
            return ArtifactRefusal.Lapsed;
        var others = job.Artifacts.Where(a => a.Name != artifact.Name).ToList();
        if (ArtifactCaps.Refusal(others, artifact.SizeBytes, _options) is { } refusal)
            return refusal;
        job.Artifacts = [.. others, artifact];
        _jobs.Update(job);
        return (ArtifactRefusal?)null;
    });

    /// <summary>
    /// Records a training job's newest checkpoint (a stored blob) for its later attempts; false when the
    /// lease is no longer current or the job is not a training job.
    /// </summary>
    public bool RecordCheckpoint(string leaseId, string sha256) => _db.Write(() =>
    {
        var job = _jobs.RunningUnder(leaseId);
        if (job is null || !CheckpointedJobs.Keep(job.Kind))
            return false;
        job.CheckpointSha256 = sha256;
        job.CheckpointAt = _clock.GetUtcNow().UtcDateTime;
        _jobs.Update(job);
        return true;
    });
}
