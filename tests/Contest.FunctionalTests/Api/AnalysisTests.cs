using System.Security.Cryptography;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Google.Protobuf;
using Grpc.Core;

namespace Contest.FunctionalTests.Api;

/// <summary>
/// A label-DP sweep through the real server, with a scripted worker in the test: organizers run it,
/// the worker reads train, extras and test through its lease, uploads a plot and reports its tables,
/// and every participant reads the result and downloads the plot.
/// </summary>
public class AnalysisTests
{
    // Three extras per class, of which a sweep of 3 images per class takes one beside train's two.
    private const string SmallData = "train=2,test=2,extras=3,eligibility=2";

    [Fact]
    public async Task LabelDpSweep_RunByOrganizers_WorkedThroughItsLease_ReadByEveryone()
    {
        await using var server = await TestServer.StartAsync(null, "--dataset-per-class", SmallData);
        var participant = await server.CreateTeamAsync("attackers", Role.Attacker);
        var workers = new WorkerService.WorkerServiceClient(server.Invoker(await server.CreateTeamAsync("workers", Role.Worker)));
        await server.DatasetReady;

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await server.References(participant).RunAnalysisAsync(Sweep()));
        var job = await server.References(server.OrganizerKey).RunAnalysisAsync(Sweep());
        var worker = await workers.RegisterWorkerAsync(new RegisterWorkerRequest { Info = new WorkerInfo { Name = "sweeper" } });
        var lease = (await workers.LeaseJobAsync(new LeaseJobRequest { WorkerId = worker.WorkerId, WaitSeconds = 10, Kinds = { JobKind.Analysis } })).Assignment;
        var listing = await workers.ListJobImagesAsync(new ListJobImagesRequest { LeaseId = lease.LeaseId });
        var extra = listing.Images.First(i => i.Split == "extras");
        var image = await DownloadAsync(workers.DownloadJobImage(new DownloadJobImageRequest { LeaseId = lease.LeaseId, Id = extra.Id }));
        byte[] plot = [0x89, 0x50, 0x4e, 0x47, 1, 2, 3];
        await UploadAsync(workers, lease.LeaseId, "accuracy.png", plot);
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await workers.CompleteJobAsync(Result(lease.LeaseId, "accuracy.png", "noise.png")));
        var completed = await workers.CompleteJobAsync(Result(lease.LeaseId, "accuracy.png"));

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal((job.Id, "1,inf"), (lease.Job.Id, lease.Spec.Analysis.Parameters["epsilons"]));
        Assert.Equal("train+extras+test", listing.Split);
        Assert.Equal([("train", 4), ("extras", 2), ("test", 4)], listing.Images.CountBy(i => i.Split).Select(p => (p.Key, p.Value)));
        Assert.All(listing.Images, i => Assert.NotEqual(Label.Unspecified, i.Label));
        Assert.Equal(extra.Sha256, Convert.ToHexStringLower(SHA256.HashData(image)));
        Assert.Equal(StatusCode.InvalidArgument, missing.StatusCode);
        Assert.Contains("'noise.png'", missing.Status.Detail);
        Assert.True(completed.Accepted, completed.Message);

        var analysis = await server.References(participant).GetAnalysisAsync(new GetAnalysisRequest { JobId = job.Id });
        var listed = await server.References(participant).ListAnalysesAsync(new ListAnalysesRequest { Kind = AnalysisKind.LabelDpSweep });
        var downloaded = await DownloadAsync(server.Jobs(participant).DownloadArtifact(new DownloadArtifactRequest { JobId = job.Id, Name = "accuracy.png" }));
        var asJob = await server.Jobs(participant).GetJobAsync(new GetJobRequest { JobId = job.Id });

        Assert.Equal(JobStatus.Succeeded, analysis.Status);
        Assert.Equal(["1", "LP-2ST", "0.81"], analysis.Tables.Single().Rows[0].Cells);
        Assert.Equal(("accuracy.png", plot.Length), (analysis.Artifacts.Single().Name, (int)analysis.Artifacts.Single().SizeBytes));
        Assert.Equal(job.Id, listed.Analyses.Single().JobId);
        Assert.Equal(plot, downloaded);
        Assert.Equal(JobStatus.Succeeded, asJob.Status);
    }

    [Fact]
    public async Task LabelDpSweep_ACheckpointStoredUnderItsLease_IsNamedInTheNextAttemptsSpec()
    {
        await using var server = await TestServer.StartAsync(null, "--dataset-per-class", SmallData);
        var workers = new WorkerService.WorkerServiceClient(server.Invoker(await server.CreateTeamAsync("workers", Role.Worker)));
        await server.DatasetReady;
        var job = await server.References(server.OrganizerKey).RunAnalysisAsync(Sweep());
        var worker = await workers.RegisterWorkerAsync(new RegisterWorkerRequest { Info = new WorkerInfo { Name = "sweeper" } });
        var first = (await workers.LeaseJobAsync(new LeaseJobRequest { WorkerId = worker.WorkerId, WaitSeconds = 10, Kinds = { JobKind.Analysis } })).Assignment;
        byte[] finishedRuns = [.. "{\"runs\": []}"u8];

        var stored = await UploadAsync(workers.UploadCheckpoint(), first.LeaseId, "latest.ckpt", finishedRuns);
        await workers.ReleaseJobAsync(new ReleaseJobRequest { LeaseId = first.LeaseId, Reason = "the worker is stopping" });
        var second = (await workers.LeaseJobAsync(new LeaseJobRequest { WorkerId = worker.WorkerId, WaitSeconds = 10, Kinds = { JobKind.Analysis } })).Assignment;

        Assert.Equal(job.Id, second.Job.Id);
        Assert.Equal(stored.Sha256, second.Spec.ResumeCheckpointSha256);
        Assert.Equal(finishedRuns, await DownloadAsync(workers.DownloadBlob(new DownloadBlobRequest { LeaseId = second.LeaseId, Sha256 = stored.Sha256 })));
    }

    private static RunAnalysisRequest Sweep() => new()
    {
        Kind = AnalysisKind.LabelDpSweep,
        Seed = 11,
        Parameters = { ["epsilons"] = "1,inf", ["seeds"] = "1", ["images_per_class"] = "3" },
    };

    private static CompleteJobRequest Result(string leaseId, params string[] artifacts)
    {
        var result = new AnalysisResult
        {
            Summary = { ["lp2st_eps1_accuracy"] = 0.81 },
            Tables =
            {
                new ResultTable { Name = "accuracy", Columns = { "epsilon", "method", "accuracy" }, Rows = { new ResultTableRow { Cells = { "1", "LP-2ST", "0.81" } } } },
            },
        };
        result.Artifacts.AddRange(artifacts.Select(name => new Artifact { Name = name }));
        return new CompleteJobRequest { LeaseId = leaseId, Analysis = result };
    }

    private static Task<Artifact> UploadAsync(WorkerService.WorkerServiceClient workers, string leaseId, string name, byte[] content) =>
        UploadAsync(workers.UploadArtifact(), leaseId, name, content);

    private static async Task<Artifact> UploadAsync(AsyncClientStreamingCall<UploadArtifactRequest, Artifact> call, string leaseId, string name, byte[] content)
    {
        using var upload = call;
        await upload.RequestStream.WriteAsync(new UploadArtifactRequest
        {
            Metadata = new ArtifactMetadata
            {
                LeaseId = leaseId, Name = name, ContentType = "image/png", SizeBytes = content.Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            },
        });
        await upload.RequestStream.WriteAsync(new UploadArtifactRequest { Chunk = ByteString.CopyFrom(content) });
        await upload.RequestStream.CompleteAsync();
        return await upload;
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
}
