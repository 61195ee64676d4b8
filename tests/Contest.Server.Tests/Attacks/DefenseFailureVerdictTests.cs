using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Contest.Server.Tests.Support;
using Grpc.Core;

namespace Contest.Server.Tests.Attacks;

/// <summary>
/// A defense must answer or abstain: when it fails on a submitted image itself, the image is a
/// would-be confident mistake and goes to review; only the infrastructure's failures are retried.
/// </summary>
public sealed class DefenseFailureVerdictTests : IDisposable
{
    private readonly TestContest _contest = new(("VerdictSeconds", "60"), ("LeaseSeconds", "30"));

    public void Dispose() => _contest.Dispose();

    [Fact]
    public async Task Submit_TheDefenseRaisesOnTheImage_CandidateMarkedAsAFailure_InReview_NeverTheModelsWords()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender), threshold: 5f);
        var attacker = _contest.Team("attackers", Role.Attacker);
        var queue = _contest.Get<JobQueue>();
        var pending = _contest.Get<AttackSubmitter>().SubmitAsync(attacker, QuotaTests.Request(4, defense.Id), CancellationToken.None);
        var leased = queue.TryLease("w1", [JobKind.Verdict])!;

        // What a worker reports when forward raised: not retryable, the model's words apart.
        queue.Fail(leased.LeaseId, "the model raised an error while running", retryable: false, modelMessage: "secret-model-words");

        var submission = await pending.WaitAsync(Safety.Timeout);
        var verdict = Assert.Single(submission.Verdicts);
        Assert.Equal(AttackStatus.InReview, submission.Status);
        Assert.True(verdict.Candidate);
        Assert.True(verdict.DefenseFailed);
        Assert.False(verdict.Abstained);
        Assert.Equal(VerdictJob.DefenseFailure, verdict.Failure);
        Assert.DoesNotContain("secret", submission.ToString());
        Assert.Equal(9, submission.QuotaRemaining);
        Assert.Equal(1, queue.Find(leased.Id)!.Attempts);
        Assert.Equal(VerdictJob.DefenseFailure, _contest.Get<AttackStore>().Score(submission.Id, defense.Id)!.Failure);
    }

    [Theory]
    [InlineData(float.NaN, 1f)]
    [InlineData(float.PositiveInfinity, 0f)]
    public async Task Submit_TheDefenseReturnsNonFiniteLogits_CandidateMarkedAsAFailure(float bicycle, float bird)
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        var attacker = _contest.Team("attackers", Role.Attacker);
        await using var worker = new AnsweringWorker(_contest, _ => [bicycle, bird]);

        var submission = await _contest.Get<AttackSubmitter>()
            .SubmitAsync(attacker, QuotaTests.Request(5, defense.Id), CancellationToken.None).WaitAsync(Safety.Timeout);

        var verdict = Assert.Single(submission.Verdicts);
        Assert.Equal((true, true), (verdict.Candidate, verdict.DefenseFailed));
        Assert.Contains("non-finite logits", verdict.Failure);
        Assert.Empty(verdict.Logits);
        Assert.Equal(AttackStatus.InReview, submission.Status);
    }

    [Fact]
    public async Task Submit_TheDefenseReturnsThreeLogits_CandidateSayingHowMany()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        var attacker = _contest.Team("attackers", Role.Attacker);
        await using var worker = new AnsweringWorker(_contest, _ => [1f, 2f, 3f]);

        var submission = await _contest.Get<AttackSubmitter>()
            .SubmitAsync(attacker, QuotaTests.Request(6, defense.Id), CancellationToken.None).WaitAsync(Safety.Timeout);

        var verdict = Assert.Single(submission.Verdicts);
        Assert.True(verdict.DefenseFailed);
        Assert.Contains("3 logit(s) instead of two", verdict.Failure);
    }

    [Fact]
    public async Task Submit_OneTargetFailsTheOtherAnswersCorrectly_StillACandidate_ForTheFailingOneOnly()
    {
        var defenders = _contest.Team("defenders", Role.Defender);
        var failing = _contest.Defense(defenders);
        var answering = _contest.Defense(defenders);
        var attacker = _contest.Team("attackers", Role.Attacker);
        await using var worker = new AnsweringWorker(_contest, job => job.DefenseId == failing.Id ? [float.NaN, float.NaN] : [0f, 9f]);

        var submission = await _contest.Get<AttackSubmitter>()
            .SubmitAsync(attacker, QuotaTests.Request(7, failing.Id, answering.Id), CancellationToken.None).WaitAsync(Safety.Timeout);

        Assert.Equal(AttackStatus.InReview, submission.Status);
        Assert.True(submission.Verdicts.Single(v => v.DefenseId == failing.Id) is { Candidate: true, DefenseFailed: true });
        Assert.True(submission.Verdicts.Single(v => v.DefenseId == answering.Id) is { Candidate: false, DefenseFailed: false, Prediction: Label.Bird });
    }

    [Fact]
    public async Task Submit_TheWorkerIsLostOnce_RetriedNotCounted_TheRetryAnswers()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        var attacker = _contest.Team("attackers", Role.Attacker);
        var queue = _contest.Get<JobQueue>();
        var pending = _contest.Get<AttackSubmitter>().SubmitAsync(attacker, QuotaTests.Request(8, defense.Id), CancellationToken.None);
        queue.TryLease("w1", [JobKind.Verdict]);

        // The worker stops renewing: its lease lapses and the job goes back to the queue.
        _contest.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, queue.ExpireLeases());
        var retry = queue.TryLease("w2", [JobKind.Verdict])!;
        queue.Complete(new CompleteJobRequest { LeaseId = retry.LeaseId, Verdict = new VerdictOutcome { Logits = { 0f, 9f } } });

        var submission = await pending.WaitAsync(Safety.Timeout);
        var verdict = Assert.Single(submission.Verdicts);
        Assert.Equal((false, false), (verdict.Candidate, verdict.DefenseFailed));
        Assert.Equal(AttackStatus.NotCandidate, submission.Status);
        Assert.Equal(2, retry.Attempts);
    }

    [Fact]
    public async Task Submit_NoQuotaLeft_RefusedBeforeTheImageReachesTheDisk()
    {
        using var contest = new TestContest(("DailyAttackQuota", "1"));
        var defense = contest.Defense(contest.Team("defenders", Role.Defender));
        var attacker = contest.Team("attackers", Role.Attacker);
        await using var worker = new AnsweringWorker(contest, _ => [0f, 9f]);
        await contest.Get<AttackSubmitter>().SubmitAsync(attacker, QuotaTests.Request(9, defense.Id), CancellationToken.None).WaitAsync(Safety.Timeout);
        var second = QuotaTests.Request(10, defense.Id);

        var refused = await Assert.ThrowsAsync<RpcException>(() => contest.Get<AttackSubmitter>().SubmitAsync(attacker, second, CancellationToken.None));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.False(contest.Get<BlobStore>().Exists(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(second.Image.Span))));
    }

    [Fact]
    public async Task Submit_ADuplicateOrAnUnknownTarget_RefusedWithoutStoringAnything()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        var attacker = _contest.Team("attackers", Role.Attacker);
        var unknownTarget = QuotaTests.Request(11, "def_missing");

        var unknown = await Assert.ThrowsAsync<RpcException>(() => _contest.Get<AttackSubmitter>().SubmitAsync(attacker, unknownTarget, CancellationToken.None));

        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.False(_contest.Get<BlobStore>().Exists(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(unknownTarget.Image.Span))));
        await using var worker = new AnsweringWorker(_contest, _ => [0f, 9f]);
        await _contest.Get<AttackSubmitter>().SubmitAsync(attacker, QuotaTests.Request(12, defense.Id), CancellationToken.None).WaitAsync(Safety.Timeout);
        var again = await Assert.ThrowsAsync<RpcException>(() =>
            _contest.Get<AttackSubmitter>().SubmitAsync(attacker, QuotaTests.Request(12, defense.Id), CancellationToken.None));
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
    }
}
