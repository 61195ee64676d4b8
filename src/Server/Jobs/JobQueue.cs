using Contest.Contracts.V1;
using Contest.Server.Contest;
using Contest.Server.Datasets;
using Contest.Server.Hosting;
using Contest.Server.Mapping;
using Contest.Server.Storage;
using Contest.Server.Storage.Records;
using Microsoft.Extensions.Options;

namespace Contest.Server.Jobs;

/// <summary>
/// The job queue in LiteDB: enqueue, lease to workers (highest priority first), renew, complete
/// exactly once, fail, cancel, and requeue jobs whose lease lapsed. Every state change goes through
/// one write transaction and is published to watchers.
/// </summary>
internal sealed partial class JobQueue
{
    private readonly ContestDatabase _db;
    private readonly JobEvents _events;
    private readonly QueueSignal _signal;
    private readonly TimeProvider _clock;
    private readonly ContestServerOptions _options;
    private readonly Dictionary<JobKind, IJobOutcomeHandler> _handlers;
    private readonly NotificationHub? _hub;
    private readonly IDatasetCatalog? _dataset;

    public JobQueue(ContestDatabase db, JobEvents events, QueueSignal signal, TimeProvider clock,
        IOptions<ContestServerOptions> options, IEnumerable<IJobOutcomeHandler> handlers, NotificationHub? hub = null,
        IDatasetCatalog? dataset = null)
    {
        _hub = hub;
        _dataset = dataset;
        _db = db;
        _events = events;
        _signal = signal;
        _clock = clock;
        _options = options.Value;
        _handlers = handlers.ToDictionary(h => h.Kind);
    }

    /// <summary>Priorities: people wait on verdicts; validation gates everything else.</summary>
    public static int PriorityOf(JobKind kind) => kind switch
    {
        JobKind.Verdict => 100,
        JobKind.Validate => 50,
        JobKind.Eligibility => 40,
        _ => 10,
    };

    /// <summary>Adds a job (call inside <see cref="ContestDatabase.Write{T}"/> when it belongs to a larger change).</summary>
    public JobRecord Enqueue(JobRecord job)
    {
        job.Id = string.IsNullOrEmpty(job.Id) ? Ids.New("job") : job.Id;
        job.Status = JobStatus.Queued;
        job.CreatedAt = Now;
        job.Priority = job.Priority == 0 ? PriorityOf(job.Kind) : job.Priority;
        job.MaxAttempts = _options.MaxJobAttempts;
        if (job.Seed == 0)
            job.Seed = Random.Shared.NextInt64(1, long.MaxValue);
        _db.Jobs.Insert(job);
        // Wake waiting workers once the enclosing transaction has had a chance to commit.
        _ = Task.Run(_signal.Notify);
        return job;
    }

    public JobRecord? Find(string jobId) => _db.Jobs.FindById(jobId);

    /// <summary>
    /// Jobs wait while the dataset is being prepared: most read its images, and a validation run beside
    /// a first-start generation would measure the defense's throughput on a machine busy drawing images.
    /// </summary>
    private bool CanRunNow(JobKind kind) => _dataset is null || _dataset.IsReady;

    /// <summary>The stored state as a progress message (what WatchJob sends first).</summary>
    public static JobProgress ProgressOf(JobRecord job) => new()
    {
        JobId = job.Id,
        Status = job.Status,
        Phase = job.Progress.Phase,
        Done = job.Progress.Done,
        Total = job.Progress.Total,
        Rate = job.Progress.Rate,
        EtaSeconds = job.Progress.EtaSeconds,
        Message = job.IsFinished && job.Reason.Length > 0 ? job.Reason : job.Progress.Message,
        UpdatedAt = ProtoTime.From(job.Progress.UpdatedAt ?? job.CreatedAt),
        Attempt = job.Attempts,
    };

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private IJobOutcomeHandler? HandlerFor(JobKind kind) => _handlers.GetValueOrDefault(kind);

    private void Publish(JobRecord job)
    {
        _events.Publish(ProgressOf(job));
        // People hear about the jobs they wait for; verdicts are reported by the submission itself.
        if (job.IsFinished && job.Kind is not JobKind.Verdict && job.TeamId.Length > 0)
            _hub?.ToTeam(job.TeamId, NotificationKind.Job,
                $"{job.Kind.ToString().ToLowerInvariant()} job {job.Id} {job.Status.ToString().ToLowerInvariant()}{(job.Reason.Length > 0 ? $": {job.Reason}" : "")}",
                defenseId: job.DefenseId, jobId: job.Id);
    }
}
