using System.Security.Cryptography;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Api;
using Contest.FunctionalTests.Infrastructure;
using Contest.Tests.Shared;
using Google.Protobuf;
using Grpc.Core;

namespace Contest.FunctionalTests.Workers;

/// <summary>
/// A worker key is good for nothing but working: it leases only for its own team's workers, acts only
/// on the leases its team holds, reads dataset images only through such a lease, and is refused
/// everywhere else. What a model said on failing reaches only its team and organizers.
/// </summary>
public class WorkerKeyScopeTests
{
    [Fact]
    public async Task WorkerKey_OfAnotherTeam_CanNeitherLeaseForTheWorkerNorActOnItsLease()
    {
        await using var server = await TestServer.StartAsync();
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        var mineKey = await server.CreateTeamAsync("workers-a", Role.Worker);
        var mine = new WorkerService.WorkerServiceClient(server.Invoker(mineKey));
        var theirs = new WorkerService.WorkerServiceClient(server.Invoker(await server.CreateTeamAsync("workers-b", Role.Worker)));
        var organizer = new WorkerService.WorkerServiceClient(server.Invoker(server.OrganizerKey));
        await DatasetTests.WaitForDatasetAsync(server, defender);
        var defense = await Uploads.UploadAsync(server.Defenses(defender), TestPaths.GoodDefense("tiny_cnn_scripted.pt"), "tiny");
        var worker = await mine.RegisterWorkerAsync(new RegisterWorkerRequest { Info = new WorkerInfo { Name = "a" } });
        await theirs.RegisterWorkerAsync(new RegisterWorkerRequest { Info = new WorkerInfo { Name = "b" } });

        // Another host of the same team, with its own key, holds nothing of this worker's either.
        var teams = server.Teams(server.OrganizerKey);
        var teamA = (await teams.ListTeamsAsync(new ListTeamsRequest())).Teams.Single(t => t.Name == "workers-a");
        var sibling = new WorkerService.WorkerServiceClient(server.Invoker((await teams.CreateKeyAsync(new CreateKeyRequest { TeamId = teamA.Id, Label = "host 2" })).Key));

        var hijack = await Refused(async () => await theirs.LeaseJobAsync(new LeaseJobRequest { WorkerId = worker.WorkerId }));
        var siblingHijack = await Refused(async () => await sibling.LeaseJobAsync(new LeaseJobRequest { WorkerId = worker.WorkerId }));
        var lease = (await mine.LeaseJobAsync(new LeaseJobRequest { WorkerId = worker.WorkerId, WaitSeconds = 10 })).Assignment;
        Assert.Equal(JobKind.Validate, lease.Spec.Kind);
        var leaseId = lease.LeaseId;
        RpcException[] refusals =
        [
            hijack,
            await Refused(async () => await theirs.HeartbeatAsync(new HeartbeatRequest { LeaseId = leaseId })),
            await Refused(async () => await theirs.CompleteJobAsync(new CompleteJobRequest { LeaseId = leaseId, Validation = new ValidationOutcome { Passed = true } })),
            await Refused(async () => await theirs.FailJobAsync(new FailJobRequest { LeaseId = leaseId, Reason = "x" })),
            await Refused(async () => await theirs.ReleaseJobAsync(new ReleaseJobRequest { LeaseId = leaseId, Reason = "x" })),
            await Refused(() => FirstChunkAsync(theirs.DownloadBlob(new DownloadBlobRequest { LeaseId = leaseId, Sha256 = defense.Sha256 }))),
            await Refused(() => UploadArtifactAsync(theirs, leaseId)),
            await Refused(async () => await theirs.ListJobImagesAsync(new ListJobImagesRequest { LeaseId = leaseId })),
            await Refused(() => FirstChunkAsync(theirs.DownloadJobImage(new DownloadJobImageRequest { LeaseId = leaseId, Id = "any" }))),
            await Refused(async () => await sibling.FailJobAsync(new FailJobRequest { LeaseId = leaseId, Reason = "x" })),
            await Refused(async () => await sibling.ListJobImagesAsync(new ListJobImagesRequest { LeaseId = leaseId })),
            // Organizers pass the worker role, but a lease belongs to the worker that took it.
            await Refused(async () => await organizer.FailJobAsync(new FailJobRequest { LeaseId = leaseId, Reason = "x" })),
            await Refused(async () => await sibling.ReleaseJobAsync(new ReleaseJobRequest { LeaseId = leaseId, Reason = "x" })),
            await Refused(async () => await organizer.ReleaseJobAsync(new ReleaseJobRequest { LeaseId = leaseId, Reason = "x" })),
        ];

        Assert.All(refusals.Append(siblingHijack), e => Assert.Equal(StatusCode.PermissionDenied, e.StatusCode));
        Assert.Contains("registered with another key", hijack.Status.Detail);
        Assert.Contains("registered with another key", siblingHijack.Status.Detail);
        Assert.All(refusals.Skip(1), e => Assert.Contains("held by another worker", e.Status.Detail));
        Assert.All(refusals, e => Assert.DoesNotContain(defense.Validation.JobId, e.Status.Detail));
        var job = await server.Jobs(server.OrganizerKey).GetJobAsync(new GetJobRequest { JobId = defense.Validation.JobId });
        Assert.Equal((JobStatus.Running, 1, 0), (job.Status, job.Attempts, job.Progress.Done));
        // The holder itself still works, and a validation job reads no dataset images.
        Assert.False((await mine.HeartbeatAsync(new HeartbeatRequest { LeaseId = leaseId })).CancelRequested);
        var noImages = await Refused(async () => await mine.ListJobImagesAsync(new ListJobImagesRequest { LeaseId = leaseId }));
        Assert.Equal(StatusCode.FailedPrecondition, noImages.StatusCode);
        Assert.Equal(defense.SizeBytes, await DownloadLengthAsync(mine.DownloadBlob(new DownloadBlobRequest { LeaseId = leaseId, Sha256 = defense.Sha256 })));
    }

    [Fact]
    public async Task FailedValidation_TheModelsMessageReachesItsTeamAndOrganizers_OnlyTheReasonOthers()
    {
        await using var server = await TestServer.StartAsync();
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        var other = await server.CreateTeamAsync("others", Role.Defender, Role.Attacker);
        var workers = new WorkerService.WorkerServiceClient(server.Invoker(await server.CreateTeamAsync("workers", Role.Worker)));
        await DatasetTests.WaitForDatasetAsync(server, defender);
        var defense = await Uploads.UploadAsync(server.Defenses(defender), TestPaths.GoodDefense("tiny_cnn_scripted.pt"), "tiny");
        var worker = await workers.RegisterWorkerAsync(new RegisterWorkerRequest { Info = new WorkerInfo { Name = "w" } });
        var lease = (await workers.LeaseJobAsync(new LeaseJobRequest { WorkerId = worker.WorkerId, WaitSeconds = 10 })).Assignment;

        await workers.FailJobAsync(new FailJobRequest
        {
            LeaseId = lease.LeaseId,
            Reason = "forward raised an error",
            ModelMessage = "\u001b[2J\u001b[31mRuntimeError: secret path /models/x\u001b[0m",
            Retryable = false,
        });

        var asOwner = await server.Defenses(defender).GetDefenseAsync(new GetDefenseRequest { DefenseId = defense.Id });
        var asOrganizer = await server.Defenses(server.OrganizerKey).GetDefenseAsync(new GetDefenseRequest { DefenseId = defense.Id });
        var asOther = await server.Defenses(other).GetDefenseAsync(new GetDefenseRequest { DefenseId = defense.Id });
        var listedToOther = (await server.Defenses(other).ListDefensesAsync(new ListDefensesRequest())).Defenses.Single(d => d.Id == defense.Id);
        var ownerJob = await server.Jobs(defender).GetJobAsync(new GetJobRequest { JobId = lease.Job.Id });
        var otherJob = await Refused(async () => await server.Jobs(other).GetJobAsync(new GetJobRequest { JobId = lease.Job.Id }));

        const string said = "RuntimeError: secret path /models/x";
        Assert.Equal(ValidationStatus.Failed, asOwner.Validation.Status);
        Assert.Equal(said, asOwner.Validation.ModelMessage);
        Assert.Equal(said, asOrganizer.Validation.ModelMessage);
        Assert.Equal(said, ownerJob.ModelMessage);
        Assert.Equal("forward raised an error", asOther.Validation.Reason);
        Assert.Equal("", asOther.Validation.ModelMessage);
        Assert.Equal("", listedToOther.Validation.ModelMessage);
        Assert.Equal(StatusCode.NotFound, otherJob.StatusCode);
    }

    [Fact]
    public async Task EligibilityLease_ListsTheHiddenSplitWithoutLabels_AndServesItsImagesById()
    {
        await using var server = await TestServer.StartAsync();
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        var workers = new WorkerService.WorkerServiceClient(server.Invoker(await server.CreateTeamAsync("workers", Role.Worker)));
        await DatasetTests.WaitForDatasetAsync(server, defender);
        await Uploads.UploadAsync(server.Defenses(defender), TestPaths.GoodDefense("tiny_cnn_scripted.pt"), "tiny");
        var worker = await workers.RegisterWorkerAsync(new RegisterWorkerRequest { Info = new WorkerInfo { Name = "w" } });
        var validation = (await workers.LeaseJobAsync(new LeaseJobRequest { WorkerId = worker.WorkerId, WaitSeconds = 10 })).Assignment;
        await workers.CompleteJobAsync(new CompleteJobRequest
        {
            LeaseId = validation.LeaseId,
            Validation = new ValidationOutcome { Passed = true, ImagesPerSecond = 1000, Device = "test" },
        });
        var eligibility = (await workers.LeaseJobAsync(new LeaseJobRequest { WorkerId = worker.WorkerId, WaitSeconds = 10 })).Assignment;

        var listing = await workers.ListJobImagesAsync(new ListJobImagesRequest { LeaseId = eligibility.LeaseId });
        var first = listing.Images[0];
        var bytes = await DownloadAsync(workers.DownloadJobImage(new DownloadJobImageRequest { LeaseId = eligibility.LeaseId, Id = first.Id }));
        var afterLease = await Refused(async () => await workers.ListJobImagesAsync(new ListJobImagesRequest { LeaseId = validation.LeaseId }));

        Assert.Equal(JobKind.Eligibility, eligibility.Spec.Kind);
        Assert.Equal("eligibility", listing.Split);
        Assert.StartsWith("synthetic", listing.Dataset);
        Assert.Equal(8, listing.Images.Count);
        Assert.All(listing.Images, i => Assert.Equal(Label.Unspecified, i.Label));
        Assert.All(listing.Images, i => Assert.Equal(".jpg", i.Extension));
        Assert.Equal(first.SizeBytes, bytes.Length);
        Assert.Equal(first.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(StatusCode.FailedPrecondition, afterLease.StatusCode);
    }

    [Fact]
    public async Task WorkerKey_IsRefusedOnEveryParticipantCall_AndTheRoleStandsAlone()
    {
        await using var server = await TestServer.StartAsync();
        var invoker = server.Invoker(await server.CreateTeamAsync("workers", Role.Worker));

        RpcException[] refusals =
        [
            await Refused(async () => await new DefenseService.DefenseServiceClient(invoker).ListDefensesAsync(new ListDefensesRequest())),
            await Refused(async () => await new AttackService.AttackServiceClient(invoker).SubmitAttackAsync(
                new SubmitAttackRequest { Image = ByteString.CopyFrom(1, 2, 3), ClaimedLabel = Label.Bird, TargetDefenseIds = { "def_x" } })),
            await Refused(async () => await new TeamService.TeamServiceClient(invoker).WhoAmIAsync(new WhoAmIRequest())),
            await Refused(async () => await new LeaderboardService.LeaderboardServiceClient(invoker).GetWarmupLeaderboardAsync(new GetWarmupLeaderboardRequest())),
            await Refused(async () => await new DatasetService.DatasetServiceClient(invoker).GetDatasetAsync(new GetDatasetRequest())),
            await Refused(async () => await new JobService.JobServiceClient(invoker).ListJobsAsync(new ListJobsRequest())),
        ];
        var combined = await Refused(async () => await server.Teams(server.OrganizerKey).CreateTeamAsync(
            new CreateTeamRequest { Name = "both", Roles = { Role.Worker, Role.Defender } }));

        Assert.All(refusals, e => Assert.Equal(StatusCode.PermissionDenied, e.StatusCode));
        Assert.All(refusals, e => Assert.Contains("worker key", e.Status.Detail));
        Assert.Equal(StatusCode.InvalidArgument, combined.StatusCode);
        Assert.Contains("worker role stands alone", combined.Status.Detail);
    }

    [Fact]
    public async Task EachWorkerHost_HasItsOwnKey_ARevokedOneStopsThatHostAtItsNextCall()
    {
        await using var server = await TestServer.StartAsync();
        var teams = server.Teams(server.OrganizerKey);
        var team = (await teams.CreateTeamAsync(new CreateTeamRequest { Name = "gpu-farm", Roles = { Role.Worker } })).Team;
        var host1 = await teams.CreateKeyAsync(new CreateKeyRequest { TeamId = team.Id, Label = "host 1" });
        var host2 = await teams.CreateKeyAsync(new CreateKeyRequest { TeamId = team.Id, Label = "host 2" });
        var first = new WorkerService.WorkerServiceClient(server.Invoker(host1.Key));
        var second = new WorkerService.WorkerServiceClient(server.Invoker(host2.Key));
        var firstWorker = await first.RegisterWorkerAsync(new RegisterWorkerRequest { Info = new WorkerInfo { Name = "host-1" } });
        var secondWorker = await second.RegisterWorkerAsync(new RegisterWorkerRequest { Info = new WorkerInfo { Name = "host-2" } });

        await teams.RevokeKeyAsync(new RevokeKeyRequest { KeyId = host1.KeyInfo.Id, Reason = "host 1 decommissioned" });

        var stopped = await Refused(async () => await first.LeaseJobAsync(new LeaseJobRequest { WorkerId = firstWorker.WorkerId }));
        var stillLeasing = await second.LeaseJobAsync(new LeaseJobRequest { WorkerId = secondWorker.WorkerId });
        var keys = await teams.ListKeysAsync(new ListKeysRequest { TeamId = team.Id });
        Assert.Equal(StatusCode.Unauthenticated, stopped.StatusCode);
        Assert.Null(stillLeasing.Assignment);
        Assert.Equal(new[] { true, false }, keys.Keys.Where(k => k.Label.StartsWith("host", StringComparison.Ordinal)).OrderBy(k => k.Label).Select(k => k.Revoked));
    }

    private static async Task<RpcException> Refused(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);

    private static async Task FirstChunkAsync(AsyncServerStreamingCall<FileChunk> call)
    {
        using (call)
            await call.ResponseStream.MoveNext(CancellationToken.None);
    }

    private static async Task<byte[]> DownloadAsync(AsyncServerStreamingCall<FileChunk> call)
    {
        using var buffer = new MemoryStream();
        using (call)
        {
            await foreach (var chunk in call.ResponseStream.ReadAllAsync())
                chunk.Data.WriteTo(buffer);
        }
        return buffer.ToArray();
    }

    private static async Task<long> DownloadLengthAsync(AsyncServerStreamingCall<FileChunk> call) => (await DownloadAsync(call)).Length;

    private static async Task UploadArtifactAsync(WorkerService.WorkerServiceClient client, string leaseId)
    {
        using var call = client.UploadArtifact();
        await call.RequestStream.WriteAsync(new UploadArtifactRequest
        {
            Metadata = new ArtifactMetadata { LeaseId = leaseId, Name = "report.json", SizeBytes = 1, Sha256 = new string('0', 64) },
        });
        await call.RequestStream.CompleteAsync();
        await call;
    }
}
