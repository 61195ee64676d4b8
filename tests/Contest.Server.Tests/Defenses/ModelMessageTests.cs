using Contest.Contracts.V1;
using Contest.Server.Defenses;
using Contest.Server.Jobs;
using Contest.Server.Tests.Support;

namespace Contest.Server.Tests.Defenses;

/// <summary>What a defense's model said is kept apart from the reason and shown only to its team and organizers.</summary>
public sealed class ModelMessageTests : IDisposable
{
    private readonly TestContest _contest = new();

    public void Dispose() => _contest.Dispose();

    [Fact]
    public void ValidationFails_TheModelMessageIsStoredApart_AndShownOnlyToTheOwnerView()
    {
        var (defense, leased) = LeasedValidation();

        _contest.Get<JobQueue>().Fail(leased.LeaseId, "forward raised an error", retryable: false, modelMessage: "ValueError: weights at /home/x");

        var stored = _contest.Get<DefenseStore>().Find(defense.Id)!;
        Assert.Equal(("forward raised an error", "ValueError: weights at /home/x"), (stored.Validation.Reason, stored.Validation.ModelMessage));
        var owner = stored.ToProto(null, _contest.Now, owner: true).Validation;
        var other = stored.ToProto(null, _contest.Now, owner: false).Validation;
        Assert.Equal("ValueError: weights at /home/x", owner.ModelMessage);
        Assert.Equal("", other.ModelMessage);
        Assert.Equal("forward raised an error", other.Reason);
    }

    [Fact]
    public void ValidationCompletesAsFailed_TheOutcomesModelMessageIsKept()
    {
        var (defense, leased) = LeasedValidation();

        _contest.Get<JobQueue>().Complete(new CompleteJobRequest
        {
            LeaseId = leased.LeaseId,
            Validation = new ValidationOutcome { Passed = false, Reason = "output has the wrong shape", ModelMessage = "printed: shape (3,)" },
        });

        var stored = _contest.Get<DefenseStore>().Find(defense.Id)!;
        Assert.Equal(ValidationStatus.Failed, stored.Validation.Status);
        Assert.Equal("printed: shape (3,)", stored.ToProto(null, _contest.Now, owner: true).Validation.ModelMessage);
        Assert.Equal("", stored.ToProto(null, _contest.Now, owner: false).Validation.ModelMessage);
    }

    [Fact]
    public void RetryableFailure_KeepsTheModelMessageOnTheJob_SuccessClearsIt()
    {
        var (_, leased) = LeasedValidation();
        var queue = _contest.Get<JobQueue>();

        queue.Fail(leased.LeaseId, "out of GPU memory", retryable: true, modelMessage: "CUDA error");
        var requeued = queue.Find(leased.Id)!;
        Assert.Equal((JobStatus.Queued, "CUDA error"), (requeued.Status, requeued.ModelMessage));
        Assert.DoesNotContain("GPU", requeued.Progress.Message);

        var again = queue.TryLease("w1", [JobKind.Validate])!;
        queue.Complete(new CompleteJobRequest { LeaseId = again.LeaseId, Validation = new ValidationOutcome { Passed = true } });
        Assert.Equal(("", ""), (queue.Find(leased.Id)!.Reason, queue.Find(leased.Id)!.ModelMessage));
    }

    private (DefenseRecord Defense, JobRecord Leased) LeasedValidation()
    {
        var defender = _contest.Team("defenders", Role.Defender);
        var defense = _contest.Defense(defender);
        _contest.Db.Write(() => _contest.Get<IJobQueue>().Enqueue(
            new JobRecord { Kind = JobKind.Validate, DefenseId = defense.Id, TeamId = defender.TeamId }));
        return (defense, _contest.Get<JobQueue>().TryLease("w1", [JobKind.Validate])!);
    }
}
