using Contest.Contracts.V1;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Contest.Server.Notifications;
using Contest.Server.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Contest.Server.Tests.Jobs;

public sealed class JobQueueTests : IDisposable
{
    private readonly TestContest _contest = new();
    private readonly ContestDatabase _db;
    private readonly FakeTimeProvider _clock;
    private readonly CountingHandler _handler = new();
    private readonly JobQueue _queue;

    public JobQueueTests()
    {
        _db = _contest.Db;
        _clock = _contest.Clock;
        var options = Options.Create(new JobOptions { LeaseSeconds = 30, MaxJobAttempts = 3 });
        _queue = new JobQueue(_db, _contest.Get<JobStore>(), new JobEvents(), _contest.Get<QueueSignal>(), _clock, options, [_handler],
            _contest.Get<NotificationHub>(), _contest.Get<IJobGate>());
    }

    public void Dispose() => _contest.Dispose();

    [Fact]
    public void TryLease_TakesTheMostUrgentJobFirst()
    {
        Enqueue(JobKind.Evaluate);
        var verdict = Enqueue(JobKind.Verdict);
        Enqueue(JobKind.Validate);

        Assert.Equal(verdict.Id, _queue.TryLease("w1", [])!.Id);
        Assert.Equal(JobKind.Validate, _queue.TryLease("w1", [])!.Kind);
        Assert.Equal(JobKind.Evaluate, _queue.TryLease("w1", [])!.Kind);
        Assert.Null(_queue.TryLease("w1", []));
    }

    [Fact]
    public void Heartbeat_KeepsTheLeaseAlive_ExpiryRequeuesWithoutIt()
    {
        var job = Lease(Enqueue(JobKind.Evaluate));

        _clock.Advance(TimeSpan.FromSeconds(25));
        Assert.NotNull(_queue.Heartbeat(job.LeaseId, null));
        _clock.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal(0, _queue.ExpireLeases());
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, _queue.ExpireLeases());

        var requeued = _queue.Find(job.Id)!;
        Assert.Equal(JobStatus.Queued, requeued.Status);
        Assert.Contains("stopped renewing its lease", requeued.Reason);
        Assert.Null(_queue.Heartbeat(job.LeaseId, null));
    }

    [Fact]
    public void ExpireLeases_AfterTheLastAttempt_FailsTheJobWithTheReason()
    {
        var job = Enqueue(JobKind.Evaluate);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(attempt, Lease(job).Attempts);
            _clock.Advance(TimeSpan.FromSeconds(31));
            _queue.ExpireLeases();
        }

        var failed = _queue.Find(job.Id)!;
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Contains("gave up after 3 attempts", failed.Reason);
        Assert.Equal(1, _handler.Failed);
    }

    [Fact]
    public void Complete_IsRecordedExactlyOnce()
    {
        var job = Lease(Enqueue(JobKind.Evaluate));
        var result = new CompleteJobRequest { LeaseId = job.LeaseId, Evaluation = new EvaluationReport() };

        var first = _queue.Complete(result);
        var second = _queue.Complete(result);

        Assert.True(first.Accepted);
        Assert.False(second.Accepted);
        Assert.Equal(1, _handler.Succeeded);
        Assert.Equal(JobStatus.Succeeded, _queue.Find(job.Id)!.Status);
    }

    [Fact]
    public void Complete_FromALapsedLease_IsRefusedWhileTheNewHolderIsHeard()
    {
        var job = Enqueue(JobKind.Evaluate);
        var stale = Lease(job).LeaseId;
        _clock.Advance(TimeSpan.FromSeconds(31));
        _queue.ExpireLeases();
        var current = Lease(job).LeaseId;

        Assert.False(_queue.Complete(new CompleteJobRequest { LeaseId = stale, Evaluation = new EvaluationReport() }).Accepted);
        Assert.True(_queue.Complete(new CompleteJobRequest { LeaseId = current, Evaluation = new EvaluationReport() }).Accepted);
        Assert.Equal(1, _handler.Succeeded);
    }

    [Fact]
    public void Complete_HandlerFollowUps_AreQueued()
    {
        _handler.FollowUp = JobKind.Eligibility;
        var job = Lease(Enqueue(JobKind.Evaluate));

        _queue.Complete(new CompleteJobRequest { LeaseId = job.LeaseId, Evaluation = new EvaluationReport() });

        Assert.Equal(JobKind.Eligibility, _queue.TryLease("w1", [])!.Kind);
    }

    [Fact]
    public void Fail_RetryableRequeues_NotRetryableFailsAtOnce()
    {
        var retried = Lease(Enqueue(JobKind.Evaluate));
        var broken = Lease(Enqueue(JobKind.Validate));

        _queue.Fail(retried.LeaseId, "network trouble", retryable: true);
        _queue.Fail(broken.LeaseId, "output has shape [1,3]", retryable: false);

        Assert.Equal(JobStatus.Queued, _queue.Find(retried.Id)!.Status);
        var failed = _queue.Find(broken.Id)!;
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Equal("output has shape [1,3]", failed.Reason);
    }

    [Fact]
    public void Cancel_RunningJob_EndsItsLease()
    {
        var job = Lease(Enqueue(JobKind.Evaluate));

        _queue.Cancel(job.Id, "changed my mind");

        Assert.Equal(JobStatus.Cancelled, _queue.Find(job.Id)!.Status);
        Assert.Null(_queue.Heartbeat(job.LeaseId, null));
        Assert.False(_queue.Complete(new CompleteJobRequest { LeaseId = job.LeaseId, Evaluation = new EvaluationReport() }).Accepted);
    }

    [Fact]
    public async Task LeaseAsync_WakesWhenAJobArrives()
    {
        var waiting = _queue.LeaseAsync("w1", [], TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        Enqueue(JobKind.Evaluate);

        // Woken by the queue's signal after the enqueue committed; the fake clock never moved.
        var job = await waiting.WaitAsync(Safety.Timeout);
        Assert.NotNull(job);
    }

    [Fact]
    public async Task LeaseAsync_NothingQueued_ReturnsNullAtItsDeadline()
    {
        var waiting = _queue.LeaseAsync("w1", [], TimeSpan.FromSeconds(3), CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        _clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Null(await waiting.WaitAsync(Safety.Timeout));
    }

    [Fact]
    public void Enqueue_InsideAWrite_WakesWorkersOnlyAfterTheCommit()
    {
        var signal = _contest.Get<QueueSignal>();
        var wake = signal.WaitAsync();

        _db.Write(() =>
        {
            _queue.Enqueue(new JobRecord { Kind = JobKind.Evaluate, DefenseId = "def_x", TeamId = "team_x" });
            Assert.False(wake.IsCompleted);
        });

        Assert.True(wake.IsCompleted);
    }

    [Fact]
    public void Enqueue_InAWriteThatRollsBack_WakesNobody()
    {
        var wake = _contest.Get<QueueSignal>().WaitAsync();

        Assert.Throws<InvalidOperationException>(() => _db.Write(() =>
        {
            _queue.Enqueue(new JobRecord { Kind = JobKind.Evaluate, DefenseId = "def_x", TeamId = "team_x" });
            throw new InvalidOperationException("changed my mind");
        }));

        Assert.False(wake.IsCompleted);
        Assert.Null(_queue.TryLease("w1", []));
    }

    private JobRecord Enqueue(JobKind kind) => _db.Write(() => _queue.Enqueue(new JobRecord { Kind = kind, DefenseId = "def_x", TeamId = "team_x" }));

    private JobRecord Lease(JobRecord job)
    {
        var leased = _queue.TryLease("w1", [job.Kind]);
        Assert.Equal(job.Id, leased?.Id);
        return leased!;
    }

    private sealed class CountingHandler : IJobKindHandler
    {
        public int Succeeded { get; private set; }

        public int Failed { get; private set; }

        public JobKind? FollowUp { get; set; }

        public JobKind Kind => JobKind.Evaluate;

        public void DescribeInputs(JobRecord job, JobSpec spec)
        {
        }

        public void OnStarted(JobRecord job)
        {
        }

        public IReadOnlyList<JobRecord> OnSucceeded(JobRecord job, CompleteJobRequest result)
        {
            Succeeded++;
            return FollowUp is { } kind ? [new JobRecord { Kind = kind, DefenseId = job.DefenseId }] : [];
        }

        public void OnFailed(JobRecord job, string reason) => Failed++;
    }
}
