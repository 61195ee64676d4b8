using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Jobs;
using Contest.Server.Tests.Support;

namespace Contest.Server.Tests.Attacks;

/// <summary>The verdict deadline lives on the submission, so the server keeps it even when nobody waits.</summary>
public sealed class VerdictDeadlineTests : IDisposable
{
    private readonly TestContest _contest = new(("VerdictSeconds", "60"), ("LeaseSeconds", "30"));

    public void Dispose() => _contest.Dispose();

    [Fact]
    public async Task Sweep_TheSubmitterHungUp_PastTheDeadline_CancelsTheVerdicts_AndDropsTheSubmission()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        var attacker = _contest.Team("attackers", Role.Attacker);
        using var hangUp = new CancellationTokenSource();
        var pending = _contest.Get<AttackSubmitter>().SubmitAsync(attacker, QuotaTests.Request(1, defense.Id), hangUp.Token);
        var attack = Assert.Single(_contest.Get<AttackStore>().PastVerdictDeadline(DateTime.MaxValue));
        Assert.Equal(TestContest.Start.UtcDateTime.AddSeconds(60 + 30 + 30), attack.VerdictsDueBy);

        await hangUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(Safety.Timeout));
        var sweep = _contest.Get<OverdueVerdicts>();
        _contest.Clock.Advance(TimeSpan.FromSeconds(119));
        var early = sweep.CancelPastDeadline();
        _contest.Clock.Advance(TimeSpan.FromSeconds(2));
        var due = sweep.CancelPastDeadline();

        Assert.Equal((0, 1), (early, due));
        var job = Assert.Single(_contest.Get<JobStore>().VerdictsOf(attack.Id));
        Assert.Equal(JobStatus.Cancelled, job.Status);
        Assert.Equal("cancelled: " + OverdueVerdicts.Reason, job.Reason);
        // No verdict came: the submission is dropped and costs no quota; nothing is left to sweep.
        Assert.Null(_contest.Get<AttackStore>().Find(attack.Id));
        Assert.Equal(10, _contest.Get<QuotaLedger>().Of(attacker.TeamId).Remaining);
        Assert.Equal(0, sweep.CancelPastDeadline());
    }

    [Fact]
    public async Task Sweep_OneOfTwoTargetsAnsweredBeforeTheDeadline_SettlesWithThatVerdict()
    {
        var defenders = _contest.Team("defenders", Role.Defender);
        var answering = _contest.Defense(defenders, threshold: 5f);
        var silent = _contest.Defense(defenders);
        var attacker = _contest.Team("attackers", Role.Attacker);
        using var hangUp = new CancellationTokenSource();
        var queue = _contest.Get<JobQueue>();
        var pending = _contest.Get<AttackSubmitter>().SubmitAsync(attacker, QuotaTests.Request(2, answering.Id, silent.Id), hangUp.Token);
        await hangUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(Safety.Timeout));
        var attack = Assert.Single(_contest.Get<AttackStore>().PastVerdictDeadline(DateTime.MaxValue));
        var jobs = _contest.Get<JobStore>().VerdictsOf(attack.Id);
        var leased = queue.TryLease("w1", [JobKind.Verdict])!;
        var other = jobs.Single(j => j.Id != leased.Id);
        float[] logits = leased.DefenseId == answering.Id ? [9f, 0f] : [0f, 0f];
        queue.Complete(new CompleteJobRequest { LeaseId = leased.LeaseId, Verdict = new VerdictOutcome { Logits = { logits } } });

        _contest.Clock.Advance(TimeSpan.FromSeconds(121));
        Assert.Equal(1, _contest.Get<OverdueVerdicts>().CancelPastDeadline());

        var settled = _contest.Get<AttackStore>().Find(attack.Id)!;
        Assert.Equal(0, settled.VerdictsPending);
        Assert.Single(settled.Verdicts);
        Assert.NotEqual(AttackStatus.Unspecified, settled.Status);
        Assert.Equal(JobStatus.Cancelled, queue.Find(other.Id)!.Status);
        Assert.Single(settled.VerdictFailures);
    }
}
