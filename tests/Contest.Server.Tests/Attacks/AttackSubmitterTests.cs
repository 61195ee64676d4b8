using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Jobs;
using Contest.Server.Tests.Support;
using Grpc.Core;

namespace Contest.Server.Tests.Attacks;

public sealed class AttackSubmitterTests : IDisposable
{
    private readonly TestContest _contest = new(("VerdictSeconds", "60"), ("LeaseSeconds", "30"));

    public void Dispose() => _contest.Dispose();

    [Fact]
    public async Task Submit_ReturnsWhenTheVerdictIsIn_WithoutTheClockMoving()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender), threshold: 5f);
        var attacker = _contest.Team("attackers", Role.Attacker);
        await using var worker = new AnsweringWorker(_contest, _ => [9f, 0f]);

        var submission = await _contest.Get<AttackSubmitter>()
            .SubmitAsync(attacker, QuotaTests.Request(1, defense.Id), CancellationToken.None).WaitAsync(Safety.Timeout);

        var verdict = Assert.Single(submission.Verdicts);
        Assert.True(verdict.Candidate);
        Assert.Equal(AttackStatus.InReview, submission.Status);
        Assert.Equal(9, submission.QuotaRemaining);
        Assert.Equal(TestContest.Start, _contest.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Submit_NoWorkerAnswersBeforeTheDeadline_DropsTheSubmissionAndChargesNothing()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        var attacker = _contest.Team("attackers", Role.Attacker);
        var pending = _contest.Get<AttackSubmitter>().SubmitAsync(attacker, QuotaTests.Request(2, defense.Id), CancellationToken.None);
        Assert.False(pending.IsCompleted);

        // The deadline is the verdict limit plus a lease plus 30 s of slack.
        _contest.Clock.Advance(TimeSpan.FromSeconds(60 + 30 + 30));

        var refused = await Assert.ThrowsAsync<RpcException>(() => pending.WaitAsync(Safety.Timeout));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("cancelled: no verdict in time", refused.Status.Detail);
        Assert.Contains("does not count against your quota", refused.Status.Detail);
        Assert.Equal(10, _contest.Get<QuotaLedger>().Of(attacker.TeamId).Remaining);
        var job = Assert.Single(_contest.Get<JobStore>().Newest(attacker.TeamId));
        Assert.Equal(JobStatus.Cancelled, job.Status);
    }

    [Fact]
    public async Task Submit_TheInfrastructureFailsEveryAttempt_DroppedAsARefusal_TheAttackerReadsTheCategoryNeverTheWorkersWords()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        var attacker = _contest.Team("attackers", Role.Attacker);
        var queue = _contest.Get<JobQueue>();
        var pending = _contest.Get<AttackSubmitter>().SubmitAsync(attacker, QuotaTests.Request(3, defense.Id), CancellationToken.None);
        JobRecord? leased = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            leased = queue.TryLease("w1", [JobKind.Verdict])!;
            queue.Fail(leased.LeaseId, "the worker could not run the job: disk full at secret-path", retryable: true, modelMessage: "secret-model-words");
        }

        var refused = await Assert.ThrowsAsync<RpcException>(() => pending.WaitAsync(Safety.Timeout));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("no target defense could give a verdict", refused.Status.Detail);
        Assert.Contains(JobMapping.FailedCategory, refused.Status.Detail);
        Assert.DoesNotContain("secret", refused.Status.Detail);
        Assert.Equal(10, _contest.Get<QuotaLedger>().Of(attacker.TeamId).Remaining);
        var job = queue.Find(leased!.Id)!;
        Assert.Equal((JobStatus.Failed, false), (job.Status, job.FailedByDefense));
        Assert.Equal("secret-model-words", job.ModelMessage);
        var asAttacker = job.ToProto(null, JobView.Outsider);
        Assert.Equal("", asAttacker.ModelMessage);
        Assert.Equal(JobMapping.FailedCategory, asAttacker.Reason);
        Assert.Equal(JobMapping.FailedCategory, asAttacker.Progress.Message);
        var asOwner = job.ToProto(null, JobView.Owner);
        Assert.Equal(("the worker could not run the job: disk full at secret-path", "secret-model-words"), (asOwner.Reason, asOwner.ModelMessage));
    }

    [Fact]
    public async Task Submit_ADefenseNotInTheContest_IsRefusedBeforeAnythingIsStored()
    {
        var defender = _contest.Team("defenders", Role.Defender);
        var attacker = _contest.Team("attackers", Role.Attacker);
        var notYet = _contest.Defense(defender);
        _contest.Db.Write(() => _contest.Get<Contest.Server.Defenses.DefenseStore>().Update(notYet.Id, d => d.Eligibility.Status = EligibilityStatus.Ineligible));

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            _contest.Get<AttackSubmitter>().SubmitAsync(attacker, QuotaTests.Request(3, notYet.Id), CancellationToken.None));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("neither eligible nor staked", refused.Status.Detail);
        Assert.Empty(_contest.Get<AttackStore>().Newest(null));
        Assert.Empty(_contest.Get<JobStore>().Newest(null));
    }
}
