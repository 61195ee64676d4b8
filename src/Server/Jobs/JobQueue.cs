using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Notifications;
using Microsoft.Extensions.Options;

namespace Contest.Server.Jobs;

/// <summary>
/// The job queue in LiteDB: enqueue, lease to workers (highest priority first), renew, complete
/// exactly once, fail, cancel, and requeue jobs whose lease lapsed. Every state change goes through
/// one write transaction and is published to watchers. What a job of each kind means is up to its
/// <see cref="IJobKindHandler"/>.
/// </summary>
internal sealed partial class JobQueue : IJobQueue
{
    private readonly ContestDatabase _db;
    private readonly JobStore _jobs;
    private readonly JobEvents _events;
    private readonly QueueSignal _signal;
    private readonly TimeProvider _clock;
    private readonly JobOptions _options;
    private readonly Dictionary<JobKind, IJobKindHandler> _handlers;
    private readonly NotificationHub _hub;
    private readonly IJobGate _gate;

    public JobQueue(ContestDatabase db, JobStore jobs, JobEvents events, QueueSignal signal, TimeProvider clock,
        IOptions<JobOptions> options, IEnumerable<IJobKindHandler> handlers, NotificationHub hub, IJobGate gate)
    {
        _db = db;
        _jobs = jobs;
        _events = events;
        _signal = signal;
        _clock = clock;
        _options = options.Value;
        _handlers = handlers.ToDictionary(h => h.Kind);
        _hub = hub;
        _gate = gate;
    }

    /// <summary>Priorities: people wait on verdicts; validation gates everything else.</summary>
    public static int PriorityOf(JobKind kind) => kind switch
    {
        JobKind.Verdict => 100,
        JobKind.Validate => 50,
        JobKind.Eligibility => 40,
        _ => 10,
    };

    public JobRecord Enqueue(JobRecord job)
    {
        job.Id = string.IsNullOrEmpty(job.Id) ? Ids.New("job") : job.Id;
        job.Status = JobStatus.Queued;
        job.CreatedAt = Now;
        job.Priority = job.Priority == 0 ? PriorityOf(job.Kind) : job.Priority;
        job.MaxAttempts = _options.MaxJobAttempts;
        if (job.Seed == 0)
            job.Seed = Random.Shared.NextInt64(1, long.MaxValue);
        _jobs.Insert(job);
        _db.AfterCommit(_signal.Notify);
        return job;
    }

    public JobRecord? Find(string jobId) => _jobs.Find(jobId);

    /// <summary>The handler of a kind, which fills in the inputs of its jobs' specs.</summary>
    public IJobKindHandler? HandlerFor(JobKind kind) => _handlers.GetValueOrDefault(kind);

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private void Publish(JobRecord job)
    {
        // Watchers are told apart by what they may see (JobServiceImpl hides the details from outsiders).
        _events.Publish(JobMapping.ProgressOf(job, JobView.Owner));
        // People hear about the jobs they wait for; verdicts are reported by the submission itself.
        // A non-verdict job's team owns its defense (or is an organizer's), so it may read the reason.
        if (job.IsFinished && job.Kind is not JobKind.Verdict && job.TeamId.Length > 0)
            _hub.ToTeam(job.TeamId, NotificationKind.Job,
                $"{Words.Of(job.Kind)} job {job.Id} {Words.Of(job.Status)}{(job.Reason.Length > 0 ? $": {job.Reason}" : "")}",
                defenseId: job.DefenseId, jobId: job.Id);
    }
}
