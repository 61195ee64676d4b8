using Contest.Contracts.V1;
using Contest.Core.Rules;
using Contest.Server.Auth;
using Contest.Server.Defenses;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Contest.Server.References;
using Contest.Server.Tests.Support;
using Grpc.Core;

namespace Contest.Server.Tests.References;

public sealed class TrainingJobTests : IDisposable
{
    private readonly TestContest _contest = new();

    public void Dispose() => _contest.Dispose();

    private IReadOnlyList<DefenseRecord> Defenses => [.. _contest.Get<DefenseStore>().List(includeWithdrawn: true, teamId: "", stakedOnly: false)];

    [Fact]
    public void Complete_TrainedModel_RegistersOneOpenBaselineDefenseAndQueuesItsValidation()
    {
        var reference = ReferenceTestSupport.Trained(_contest);

        var defense = Assert.Single(Defenses);
        Assert.Equal(("baseline-undefended", "baseline-undefended.ctn", ModelFormat.Native), (defense.Name, defense.FileName, defense.Format));
        Assert.True(defense.Open && defense.Baseline);
        Assert.Equal(reference.ModelSha256, defense.Sha256);
        Assert.Equal(3, defense.SizeBytes);
        Assert.Contains("recipe undefended, profile quick, seed 0", defense.Description, StringComparison.Ordinal);
        var validation = _contest.Get<JobStore>().Find(defense.Validation.JobId)!;
        Assert.Equal((JobKind.Validate, JobStatus.Queued, defense.Id), (validation.Kind, validation.Status, validation.DefenseId));
        Assert.Equal((ReferenceStatus.Ready, defense.Id), (reference.Status, reference.DefenseId));
        Assert.NotEmpty(reference.SafetensorsSha256);
        Assert.NotEmpty(reference.CurveSha256);
        Assert.Equal(["train_accuracy", "train_loss"], reference.Metrics.Select(m => m.Name));
        Assert.Equal("undefended", reference.Parameters["recipe"]);
    }

    [Fact]
    public void Complete_NameOfALiveDefense_AppendsANumber()
    {
        var first = ReferenceTestSupport.Trained(_contest);
        var second = ReferenceTestSupport.Trained(_contest);

        var defenses = _contest.Get<DefenseStore>();
        Assert.Equal(("baseline-undefended", "baseline-undefended-2"), (defenses.Find(first.DefenseId)!.Name, defenses.Find(second.DefenseId)!.Name));
        Assert.Equal(2, Defenses.Count);
    }

    [Fact]
    public void Complete_WithoutTheModelArtifact_IsRefusedAndChangesNothing()
    {
        var (reference, _) = ReferenceTestSupport.Queue(_contest, ReferenceKind.Undefended);
        var lease = ReferenceTestSupport.Lease(_contest, JobKind.TrainReference);
        ReferenceTestSupport.Attach(_contest, lease, ("other.bin", [1]));

        var error = Assert.Throws<RpcException>(() => _contest.Get<JobQueue>().Complete(ReferenceTestSupport.Finished(lease)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("'model.ctn'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(Defenses);
        Assert.Equal(ReferenceStatus.Training, _contest.Get<ReferenceStore>().Find(reference.Id)!.Status);
        Assert.Equal(JobStatus.Running, _contest.Get<JobStore>().Find(lease.Id)!.Status);
    }

    [Fact]
    public void Complete_MetricInTheServersOwnNames_IsRefused()
    {
        ReferenceTestSupport.Queue(_contest, ReferenceKind.Undefended);
        var lease = ReferenceTestSupport.Lease(_contest, JobKind.TrainReference);
        ReferenceTestSupport.Attach(_contest, lease, ("model.ctn", [1]), ("model.safetensors", [2]), ("curve.png", [3]));
        var result = ReferenceTestSupport.Finished(lease);
        result.Reference.Model.Metrics["eval_clean"] = 1;

        var error = Assert.Throws<RpcException>(() => _contest.Get<JobQueue>().Complete(result));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Empty(Defenses);
    }

    [Fact]
    public void Fail_ForGood_MarksTheReferenceFailedWithTheReason()
    {
        var (reference, _) = ReferenceTestSupport.Queue(_contest, ReferenceKind.AdversarialPgd);
        var lease = ReferenceTestSupport.Lease(_contest, JobKind.TrainReference);

        _contest.Get<JobQueue>().Fail(lease.LeaseId, "the training ran out of memory", retryable: false);

        var failed = _contest.Get<ReferenceStore>().Find(reference.Id)!;
        Assert.Equal((ReferenceStatus.Failed, "the training ran out of memory"), (failed.Status, failed.Reason));
        Assert.NotNull(failed.FinishedAt);
        Assert.Empty(Defenses);
    }

    [Fact]
    public void Eligibility_SettledWithoutAJudgement_StillQueuesTheBaselinesQuickWarmupEvaluationOnce()
    {
        var reference = ReferenceTestSupport.Trained(_contest);
        var queue = _contest.Get<JobQueue>();
        var validation = ReferenceTestSupport.Lease(_contest, JobKind.Validate);
        queue.Complete(new CompleteJobRequest { LeaseId = validation.LeaseId, Validation = new ValidationOutcome { Passed = true } });
        var eligibility = ReferenceTestSupport.Lease(_contest, JobKind.Eligibility);

        queue.Fail(eligibility.LeaseId, "the worker could not read the eligibility split", retryable: false);

        var recorded = _contest.Get<ReferenceStore>().Find(reference.Id)!;
        var evaluation = _contest.Get<JobStore>().Find(recorded.EvaluationJobId)!;
        Assert.Equal((JobKind.Evaluate, AttackSuites.Warmup, Profile.Quick, 0, reference.DefenseId),
            (evaluation.Kind, evaluation.Suite, evaluation.Profile, evaluation.Limit, evaluation.DefenseId));
        Assert.Equal(EligibilityStatus.Ineligible, _contest.Get<DefenseStore>().Find(reference.DefenseId)!.Eligibility.Status);
        Assert.Single(_contest.Get<JobStore>().Newest(null), j => j.Kind == JobKind.Evaluate);
    }

    [Fact]
    public void Eligibility_OfAnUploadedDefense_QueuesNoEvaluation()
    {
        var team = _contest.Team("defenders", Role.Defender);
        var defense = _contest.Db.Write(() =>
        {
            var record = new DefenseRecord { Id = Ids.New("def"), Name = "mine", TeamId = team.TeamId, Sha256 = new string('b', 64) };
            _contest.Get<IJobQueue>().Enqueue(_contest.Get<DefenseRegistration>().Register(record));
            return record;
        });
        var validation = ReferenceTestSupport.Lease(_contest, JobKind.Validate);
        _contest.Get<JobQueue>().Complete(new CompleteJobRequest { LeaseId = validation.LeaseId, Validation = new ValidationOutcome { Passed = true } });
        var eligibility = ReferenceTestSupport.Lease(_contest, JobKind.Eligibility);

        _contest.Get<JobQueue>().Fail(eligibility.LeaseId, "lost", retryable: false);

        Assert.Equal(defense.Id, eligibility.DefenseId);
        Assert.DoesNotContain(_contest.Get<JobStore>().Newest(null), j => j.Kind == JobKind.Evaluate);
    }
}
