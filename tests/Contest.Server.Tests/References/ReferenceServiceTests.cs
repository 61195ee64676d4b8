using System.Reflection;
using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Contest.Server.References;
using Contest.Server.Teams;
using Contest.Server.Tests.Support;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Server.Tests.References;

public sealed class ReferenceServiceTests : IDisposable
{
    private readonly TestContest _contest = new();

    public void Dispose() => _contest.Dispose();

    // gRPC activates services per call; the test does the same with the contest's container.
    private ReferenceServiceImpl Service => ActivatorUtilities.CreateInstance<ReferenceServiceImpl>(_contest.Get<IServiceProvider>());

    [Fact]
    public void TrainReferenceModel_AdmitsOrganizersOnly()
    {
        var rule = typeof(ReferenceServiceImpl).GetMethod(nameof(ReferenceServiceImpl.TrainReferenceModel))!.GetCustomAttribute<RequireRoleAttribute>()!;

        Assert.True(rule.Admits(Caller(Role.Organizer)));
        Assert.False(rule.Admits(Caller(Role.Defender)));
        Assert.False(rule.Admits(Caller(Role.Attacker, Role.Reviewer)));
        Assert.False(rule.Admits(Caller(Role.Worker)));
    }

    [Fact]
    public void ListAndGet_AdmitEveryParticipant()
    {
        foreach (var name in new[] { nameof(ReferenceServiceImpl.ListReferenceModels), nameof(ReferenceServiceImpl.GetReferenceModel), nameof(ReferenceServiceImpl.DownloadReferenceModel) })
            Assert.True(typeof(ReferenceServiceImpl).GetMethod(name)!.GetCustomAttribute<RequireRoleAttribute>()!.Admits(Caller(Role.Attacker)));
    }

    [Theory]
    [InlineData(ReferenceKind.Unspecified, 0, "name a kind: undefended, adversarial_pgd, trades or label_dp.")]
    [InlineData(ReferenceKind.Undefended, 5000, "batch size must be 2-1024.")]
    [InlineData(ReferenceKind.LabelDp, 5000, "batch size must be 2-1024.")]
    public async Task TrainReferenceModel_ImpossibleRequest_InvalidArgumentWithThePlansMessage(ReferenceKind kind, int batchSize, string message)
    {
        var organizer = _contest.Team("orga", Role.Organizer);
        var request = new TrainReferenceModelRequest { Kind = kind, Training = new TrainingOptions { BatchSize = batchSize } };

        var error = await Assert.ThrowsAsync<RpcException>(() => Service.TrainReferenceModel(request, ReferenceTestSupport.CallOf(organizer)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(message, error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(_contest.Get<ReferenceStore>().Newest());
    }

    [Theory]
    [InlineData(ReferenceKind.Undefended, "adversarial settings apply to adversarial_pgd and trades only, not undefended.")]
    [InlineData(ReferenceKind.LabelDp, "adversarial settings apply to adversarial_pgd and trades only, not label_dp.")]
    public async Task TrainReferenceModel_AdversarialSettingsForARecipeWithoutAnAttack_InvalidArgument(ReferenceKind kind, string message)
    {
        var organizer = _contest.Team("orga", Role.Organizer);
        var request = new TrainReferenceModelRequest { Kind = kind, Adversarial = new AdversarialOptions { Steps = 3 } };

        var error = await Assert.ThrowsAsync<RpcException>(() => Service.TrainReferenceModel(request, ReferenceTestSupport.CallOf(organizer)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(message, error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(_contest.Get<ReferenceStore>().Newest());
    }

    [Fact]
    public async Task TrainReferenceModel_LabelDp_QueuesItNamedAfterItsRecipeAndSeed_WithItsLabelDpSettings()
    {
        var organizer = _contest.Team("orga", Role.Organizer);
        var request = new TrainReferenceModelRequest { Kind = ReferenceKind.LabelDp, Seed = 4, LabelDp = new LabelDpOptions { Epsilon = 2, Stages = 1 } };

        var job = await Service.TrainReferenceModel(request, ReferenceTestSupport.CallOf(organizer));

        var reference = Assert.Single(_contest.Get<ReferenceStore>().Newest());
        Assert.Equal(("label_dp-seed4", ReferenceKind.LabelDp, reference.Id), (reference.Name, reference.Kind, _contest.Get<JobStore>().Find(job.Id)!.ReferenceId));
        Assert.Equal(("label_dp", "2", "rr", "1"),
            (reference.Parameters["recipe"], reference.Parameters["label_epsilon"], reference.Parameters["label_mechanism"], reference.Parameters["stages"]));
    }

    [Fact]
    public async Task GetReferenceModel_LabelDpTrained_ComparesWithThePublishedUndefendedRows()
    {
        var reference = ReferenceTestSupport.Trained(_contest, ReferenceKind.LabelDp);

        var model = await Service.GetReferenceModel(new GetReferenceModelRequest { Id = reference.Id },
            ReferenceTestSupport.CallOf(_contest.Team("defenders", Role.Defender)));

        Assert.NotEmpty(model.Published);
        Assert.All(model.Published.Keys, k => Assert.StartsWith("undefended", k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TrainReferenceModel_NameThatCannotNameAFile_InvalidArgument()
    {
        var organizer = _contest.Team("orga", Role.Organizer);
        var request = new TrainReferenceModelRequest { Kind = ReferenceKind.Undefended, Name = "../etc/passwd" };

        var error = await Assert.ThrowsAsync<RpcException>(() => Service.TrainReferenceModel(request, ReferenceTestSupport.CallOf(organizer)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("letters, digits", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainReferenceModel_Organizer_QueuesATrainingJobForTheOrganizersTeam()
    {
        var organizer = _contest.Team("orga", Role.Organizer);
        var request = new TrainReferenceModelRequest { Kind = ReferenceKind.AdversarialPgd, Seed = 7 };

        var job = await Service.TrainReferenceModel(request, ReferenceTestSupport.CallOf(organizer));

        var stored = _contest.Get<JobStore>().Find(job.Id)!;
        var reference = Assert.Single(_contest.Get<ReferenceStore>().Newest());
        Assert.Equal((JobKind.TrainReference, reference.Id, 375), (stored.Kind, stored.ReferenceId, stored.ExtrasPerClass));
        Assert.Equal(OrganizerKeyFile.TeamName, _contest.Get<Identities>().TeamName(stored.TeamId));
        Assert.Equal(("adversarial_pgd-seed7", ReferenceStatus.Queued, false), (reference.Name, reference.Status, reference.BuiltIn));
        Assert.Equal("3", reference.Parameters["attack_steps"]);
        var spec = _contest.Get<JobSpecBuilder>().Build(stored);
        Assert.Equal(4 * 3600, spec.Limits.WallSeconds);
        Assert.Equal(("adversarial_pgd-seed7", 7L), (spec.Train.Name, spec.Train.Seed));
    }

    [Fact]
    public async Task GetReferenceModel_UnknownOrMalformedId_SaysWhich()
    {
        var caller = _contest.Team("defenders", Role.Defender);

        var missing = await Assert.ThrowsAsync<RpcException>(() => Service.GetReferenceModel(new GetReferenceModelRequest { Id = "ref_aaaaaaaaaa" }, ReferenceTestSupport.CallOf(caller)));
        var malformed = await Assert.ThrowsAsync<RpcException>(() => Service.GetReferenceModel(new GetReferenceModelRequest { Id = "def_aaaaaaaaaa" }, ReferenceTestSupport.CallOf(caller)));

        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Contains("ref_aaaaaaaaaa", missing.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
    }

    [Fact]
    public async Task DownloadReferenceModel_WhileQueuedThenTraining_FailedPrecondition_SayingWhichItIs()
    {
        var (reference, _) = ReferenceTestSupport.Queue(_contest, ReferenceKind.Undefended);
        var request = new DownloadReferenceModelRequest { Id = reference.Id, File = "model" };
        var defenders = ReferenceTestSupport.CallOf(_contest.Team("defenders", Role.Defender));

        var queued = await Assert.ThrowsAsync<RpcException>(() => Service.DownloadReferenceModel(request, null!, defenders));
        ReferenceTestSupport.Lease(_contest, JobKind.TrainReference);
        var training = await Assert.ThrowsAsync<RpcException>(() => Service.DownloadReferenceModel(request, null!, defenders));

        Assert.Equal((StatusCode.FailedPrecondition, StatusCode.FailedPrecondition), (queued.StatusCode, training.StatusCode));
        Assert.Contains("still waiting for a worker", queued.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("still training", training.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(ReferenceStatus.Training, _contest.Get<ReferenceStore>().Find(reference.Id)!.Status);
    }

    [Fact]
    public async Task GetReferenceModel_Trained_ShowsFilesMetricsAndThePublishedUndefendedRows()
    {
        var reference = ReferenceTestSupport.Trained(_contest);

        var model = await Service.GetReferenceModel(new GetReferenceModelRequest { Id = reference.Id },
            ReferenceTestSupport.CallOf(_contest.Team("defenders", Role.Defender)));

        Assert.Equal(["model", "safetensors", "curve"], model.Files);
        Assert.Equal(0.97, model.Metrics["train_accuracy"]);
        Assert.Equal(2, model.Curve.Count);
        Assert.Equal(0.025, model.Published["undefended ResNet-50 trained on extras (PyTorch): spsa_with_random_spatial"], 6);
        Assert.DoesNotContain(model.Published.Keys, k => k.StartsWith("TRADES", StringComparison.Ordinal));
        Assert.Equal("undefended", model.Parameters["recipe"]);
        Assert.Equal("cpu", model.Parameters["device"]);
    }

    [Fact]
    public async Task GetReferenceModel_WarmupEvaluationFinished_AddsAccuracyAt80PerAttack()
    {
        var reference = ReferenceTestSupport.Trained(_contest);
        var report = new EvaluationReport { Attacks = { new AttackResult { Name = "clean", AccuracyAt80 = 0.98 }, new AttackResult { Name = "pgd_linf", AccuracyAt80 = 0.01 } } };
        _contest.Db.Write(() =>
        {
            var job = new JobRecord
            {
                Id = Ids.New("job"),
                Kind = JobKind.Evaluate,
                Status = JobStatus.Succeeded,
                DefenseId = reference.DefenseId,
                ResultSha256 = _contest.Get<BlobStore>().Put(report.ToByteArray()),
            };
            _contest.Get<JobStore>().Insert(job);
            _contest.Get<ReferenceStore>().Update(reference.Id, r => r.EvaluationJobId = job.Id);
        });

        var model = await Service.GetReferenceModel(new GetReferenceModelRequest { Id = reference.Id },
            ReferenceTestSupport.CallOf(_contest.Team("defenders", Role.Defender)));

        Assert.Equal((0.98, 0.01, 0.97), (model.Metrics["eval_clean"], model.Metrics["eval_pgd_linf"], model.Metrics["train_accuracy"]));
    }

    [Theory]
    [InlineData("safetensors", new byte[] { 4, 5 })]
    [InlineData("", new byte[] { 1, 2, 3 })]
    public async Task DownloadReferenceModel_Ready_StreamsTheFileFromTheOffset(string file, byte[] content)
    {
        var reference = ReferenceTestSupport.Trained(_contest);
        var chunks = new Chunks();

        await Service.DownloadReferenceModel(new DownloadReferenceModelRequest { Id = reference.Id, File = file, Offset = 1 }, chunks,
            ReferenceTestSupport.CallOf(_contest.Team("attackers", Role.Attacker)));

        Assert.Equal(content[1..], chunks.Written.SelectMany(c => c.Data.ToByteArray()));
        Assert.True(chunks.Written[^1].Last);
    }

    [Fact]
    public async Task DownloadReferenceModel_UnknownFile_NamesTheFilesOffered()
    {
        var reference = ReferenceTestSupport.Trained(_contest);

        var error = await Assert.ThrowsAsync<RpcException>(() => Service.DownloadReferenceModel(
            new DownloadReferenceModelRequest { Id = reference.Id, File = "weights.pt" }, new Chunks(),
            ReferenceTestSupport.CallOf(_contest.Team("attackers", Role.Attacker))));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("'safetensors' (for PyTorch)", error.Status.Detail, StringComparison.Ordinal);
    }

    private sealed class Chunks : IServerStreamWriter<FileChunk>
    {
        public List<FileChunk> Written { get; } = [];

        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(FileChunk message)
        {
            Written.Add(message);
            return Task.CompletedTask;
        }
    }

    private static Caller Caller(params Role[] roles) => new("team_x", "x", roles.ToHashSet(), "key_x");
}
