using Contest.Contracts.V1;
using Contest.Server.Jobs;
using Contest.Server.Notifications;
using Contest.Server.Tests.Support;
using Microsoft.Extensions.Options;

namespace Contest.Server.Tests.Jobs;

/// <summary>A stopping worker hands its job back; a stopping server leases nothing more.</summary>
public sealed class JobHandBackTests : IDisposable
{
    private readonly TestContest _contest = new();
    private readonly JobQueue _queue;

    public JobHandBackTests()
    {
        var options = Options.Create(new JobOptions { LeaseSeconds = 30, MaxJobAttempts = 3 });
        _queue = new JobQueue(_contest.Db, _contest.Get<JobStore>(), new JobEvents(), _contest.Get<QueueSignal>(), _contest.Clock, options, [],
            _contest.Get<NotificationHub>(), _contest.Get<IJobGate>());
    }

    public void Dispose() => _contest.Dispose();

    [Fact]
    public void HandBack_QueuesTheJobAtOnce_WithoutCountingTheAttempt()
    {
        var job = Enqueue();
        var leased = _queue.TryLease("w1", [])!;
        Assert.Equal(1, leased.Attempts);

        var (accepted, _) = _queue.HandBack(leased.LeaseId, "the worker is stopping");

        Assert.True(accepted);
        var queued = _queue.Find(job.Id)!;
        Assert.Equal(JobStatus.Queued, queued.Status);
        Assert.Equal(0, queued.Attempts);
        Assert.Equal("", queued.LeaseId);
        Assert.Contains("worker w1 handed it back: the worker is stopping", queued.Reason);
        // The old lease is dead, and the next worker takes the job without the clock moving.
        Assert.Null(_queue.Heartbeat(leased.LeaseId, null));
        Assert.False(_queue.Complete(new CompleteJobRequest { LeaseId = leased.LeaseId, Evaluation = new EvaluationReport() }).Accepted);
        var next = _queue.TryLease("w2", [])!;
        Assert.Equal(job.Id, next.Id);
        Assert.Equal(1, next.Attempts);
    }

    [Fact]
    public void HandBack_OfALeaseNoLongerCurrent_ChangesNothing()
    {
        var job = Enqueue();
        var leased = _queue.TryLease("w1", [])!;
        Assert.True(_queue.Complete(new CompleteJobRequest { LeaseId = leased.LeaseId, Evaluation = new EvaluationReport() }).Accepted);

        var (accepted, message) = _queue.HandBack(leased.LeaseId, "the worker is stopping");

        Assert.False(accepted);
        Assert.Contains("no longer current", message);
        Assert.Equal(JobStatus.Succeeded, _queue.Find(job.Id)!.Status);
    }

    [Fact]
    public void HandBack_BeyondTheFreeOnes_CountsAttempts_SoTheJobStillEnds()
    {
        var job = Enqueue();
        var handBacks = 0;
        while (_queue.TryLease("w1", []) is { } leased)
        {
            _queue.HandBack(leased.LeaseId, "the worker is stopping");
            handBacks++;
        }

        Assert.Equal(JobQueue.FreeHandBacks + 3, handBacks);
        var failed = _queue.Find(job.Id)!;
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Contains("gave up after 3 attempts", failed.Reason);
    }

    [Fact]
    public void HandBackAll_GivesBackOnlyTheNamedWorkersJobs()
    {
        Enqueue();
        Enqueue();
        var local = _queue.TryLease("local", [])!;
        var outside = _queue.TryLease("outside", [])!;

        Assert.Equal(1, _queue.HandBackAll(new HashSet<string> { "local" }, "the server is stopping"));

        Assert.Equal(JobStatus.Queued, _queue.Find(local.Id)!.Status);
        Assert.Equal(JobStatus.Running, _queue.Find(outside.Id)!.Status);
        Assert.NotNull(_queue.Heartbeat(outside.LeaseId, null));
    }

    [Fact]
    public async Task StopLeasing_AnswersAWaitingLeaseAtOnce_AndLeasesNothingAfter()
    {
        var waiting = _queue.LeaseAsync("w1", [], TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        _queue.StopLeasing();

        // The fake clock never moved: the stop itself answered the call.
        Assert.Null(await waiting.WaitAsync(Safety.Timeout));
        Enqueue();
        Assert.Null(_queue.TryLease("w1", []));
        Assert.Null(await _queue.LeaseAsync("w1", [], TimeSpan.FromSeconds(30), CancellationToken.None).WaitAsync(Safety.Timeout));
        Assert.True(_queue.LeasingStopped);
    }

    private JobRecord Enqueue() =>
        _contest.Db.Write(() => _queue.Enqueue(new JobRecord { Kind = JobKind.Evaluate, DefenseId = "def_x", TeamId = "team_x" }));
}
