using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Tests.Shared;
using Google.Protobuf;

namespace Contest.FunctionalTests.Cli;

/// <summary>
/// Refusals read as refusals (exit 1 with the server's reason, never "cannot reach the server"), and
/// a declared threshold must leave the defense answering the clean images.
/// </summary>
public class AnswerOrAbstainCommandTests
{
    [Fact]
    public async Task AttacksSubmit_NoTargetCouldGiveAVerdict_ExitOneWithTheServersReason()
    {
        using var dataset = new TinyDataset();
        using var temp = new TempDirectory("contest-refusal");
        await using var server = await TestServer.StartAsync(null, "--dataset", dataset.Path);
        var cli = new CliRunner(server);
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        var attacker = await server.CreateTeamAsync("attackers", Role.Attacker);
        Defense defense;
        await using (var scripted = await ScriptedWorker.StartAsync(server, _ => [0f, 9f]))
        {
            var uploaded = await Uploads.UploadAsync(server.Defenses(defender), TestPaths.GoodDefense("tiny_cnn.onnx"), "target");
            defense = await Awaiting.JudgedAsync(server, defender, uploaded.Id, TimeSpan.FromSeconds(30));
        }
        Assert.Equal(EligibilityStatus.Eligible, defense.Eligibility.Status);
        // From now on every attempt at a verdict fails on the worker's side: the infrastructure, not the defense.
        await using var broken = await InfrastructureFailingWorker.StartAsync(server);
        var image = temp.Combine("attack.png");
        await File.WriteAllBytesAsync(image, TestImages.Png(3));

        var refused = await cli.RunAsync(attacker, "attacks", "submit", image, "--claim", "bird", "--target", defense.Id);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("no target defense could give a verdict", refused.Error);
        Assert.Contains("does not count against your quota", refused.Error);
        Assert.DoesNotContain("cannot reach the server", refused.Error);
        var verdictJob = (await server.Jobs(server.OrganizerKey).ListJobsAsync(new ListJobsRequest())).Jobs.Single(j => j.Kind == JobKind.Verdict);
        Assert.Equal((JobStatus.Failed, 3), (verdictJob.Status, verdictJob.Attempts));
        var quota = await new AttackService.AttackServiceClient(server.Invoker(attacker)).GetQuotaAsync(new GetQuotaRequest());
        Assert.Equal(quota.Limit, quota.Remaining);
    }

    [Fact]
    public async Task DefensesUpload_ThresholdAnsweringNoCleanImage_IneligibleWithTheNumbers_NonFiniteRefusedAtUpload()
    {
        using var dataset = new TinyDataset();
        await using var server = await TestServer.StartAsync(null, "--dataset", dataset.Path);
        await using var scripted = await ScriptedWorker.StartAsync(server, _ => [0f, 9f]);
        var cli = new CliRunner(server);
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        var model = TestPaths.GoodDefense("tiny_cnn.onnx");

        var notANumber = await cli.RunAsync(defender, "defenses", "upload", model, "--name", "nan", "--threshold", "NaN");
        var uploaded = await cli.JsonAsync(defender, "defenses", "upload", model, "--name", "never-answers", "--threshold", "1e30");
        var judged = await Awaiting.JudgedAsync(server, defender, (string)uploaded["id"]!, TimeSpan.FromSeconds(30));

        Assert.Equal(1, notANumber.ExitCode);
        Assert.Contains("finite", notANumber.Error);
        Assert.Equal(EligibilityStatus.Ineligible, judged.Eligibility.Status);
        var images = judged.Eligibility.Images;
        Assert.StartsWith($"declared threshold 1E+30 covers 0 of {images} clean eligibility images (0%); at least 80% must be answered",
            judged.Eligibility.Reason);
        var attacker = await server.CreateTeamAsync("attackers", Role.Attacker);
        var attack = new SubmitAttackRequest { Image = ByteString.CopyFrom(TestImages.Png(4)), ClaimedLabel = Label.Bird, TargetDefenseIds = { judged.Id } };
        var notInContest = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await new AttackService.AttackServiceClient(server.Invoker(attacker)).SubmitAttackAsync(attack));
        Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, notInContest.StatusCode);
    }

    [Fact]
    public async Task AttacksSubmitAndShow_TheDefenseReturnsNaN_ReadsFailed_AWouldBeConfidentMistake()
    {
        using var dataset = new TinyDataset();
        using var temp = new TempDirectory("contest-failed-verdict");
        await using var server = await TestServer.StartAsync(null, "--dataset", dataset.Path);
        await using var scripted = await ScriptedWorker.StartAsync(server, _ => [float.NaN, float.NaN]);
        var cli = new CliRunner(server);
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        var attacker = await server.CreateTeamAsync("attackers", Role.Attacker);
        var uploaded = await Uploads.UploadAsync(server.Defenses(defender), TestPaths.GoodDefense("tiny_cnn.onnx"), "target");
        var defense = await Awaiting.JudgedAsync(server, defender, uploaded.Id, TimeSpan.FromSeconds(30));
        var image = temp.Combine("attack.png");
        await File.WriteAllBytesAsync(image, TestImages.Png(6));

        var submitted = await cli.RunAsync(attacker, "attacks", "submit", image, "--claim", "bird", "--target", defense.Id);
        var attackId = submitted.Output.Split(' ')[1];
        var shown = await cli.JsonAsync(attacker, "attacks", "show", attackId);

        Assert.Equal(0, submitted.ExitCode);
        Assert.Contains(Contest.Contracts.Words.Of(AttackStatus.InReview), submitted.Output);
        Assert.Contains("failed", submitted.Output);
        var verdict = shown["verdicts"]!.AsArray().Single()!;
        Assert.True((bool)verdict["defense_failed"]!);
        Assert.True((bool)verdict["candidate"]!);
        Assert.Contains("non-finite logits", (string)verdict["failure"]!);
    }

    [Fact]
    public void FromStatus_UnavailableWrittenByTheServer_IsARefusal_OnlyATransportFailureIsUnreachable()
    {
        var written = new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.Unavailable, "the dataset is being prepared; try again shortly."));
        var transport = new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.Unavailable, "Error starting gRPC call.",
            new HttpRequestException("Connection refused")));

        Assert.Equal(Contest.Client.Cli.ExitCodes.Failed, Contest.Client.Cli.ExitCodes.FromStatus(written));
        Assert.Equal(Contest.Client.Cli.ExitCodes.Unreachable, Contest.Client.Cli.ExitCodes.FromStatus(transport));
        Assert.Equal(Contest.Client.Cli.ExitCodes.Failed, Contest.Client.Cli.ExitCodes.FromStatus(
            new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.FailedPrecondition, "no target defense could give a verdict"))));
    }

    /// <summary>A worker whose every verdict attempt fails on its own side (retryable), as a worker with a broken disk would.</summary>
    private sealed class InfrastructureFailingWorker : IAsyncDisposable
    {
        private readonly WorkerService.WorkerServiceClient _workers;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        private InfrastructureFailingWorker(WorkerService.WorkerServiceClient workers)
        {
            _workers = workers;
            _loop = Task.Run(LoopAsync);
        }

        public static async Task<InfrastructureFailingWorker> StartAsync(TestServer server)
        {
            var key = await server.CreateTeamAsync($"failing-{Guid.NewGuid():N}"[..20], Role.Worker);
            return new InfrastructureFailingWorker(new WorkerService.WorkerServiceClient(server.Invoker(key)));
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _loop;
            }
            catch (Exception e) when (e is OperationCanceledException or Grpc.Core.RpcException)
            {
            }
        }

        private async Task LoopAsync()
        {
            var registration = await _workers.RegisterWorkerAsync(
                new RegisterWorkerRequest { Info = new WorkerInfo { Name = "failing", Device = "none", Slots = 1 } }, cancellationToken: _stop.Token);
            while (!_stop.IsCancellationRequested)
            {
                var response = await _workers.LeaseJobAsync(new LeaseJobRequest { WorkerId = registration.WorkerId, WaitSeconds = 1 }, cancellationToken: _stop.Token);
                if (response.Assignment is not { } assignment)
                    continue;
                await _workers.FailJobAsync(new FailJobRequest { LeaseId = assignment.LeaseId, Reason = "the worker could not run the job: disk full", Retryable = true },
                    cancellationToken: _stop.Token);
            }
        }
    }
}
