using System.Security.Cryptography;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Tests.Shared;
using Google.Protobuf;
using Grpc.Core;

namespace Contest.FunctionalTests.Limits;

/// <summary>A worker's artifacts are capped per job (count and bytes), and a lease asked for some kinds gets only those.</summary>
public class ArtifactLimitTests
{
    [Fact]
    public async Task UploadArtifact_PastTheCountOrBytesPerJob_IsRefusedToTheWorkerSayingWhy()
    {
        await using var server = await TestServer.StartAsync(null, "--max-artifacts-per-job", "2", "--max-artifact-bytes-per-job", "1000");
        var (workers, leaseId) = await LeasedValidationAsync(server);

        await UploadAsync(workers, leaseId, "a.txt", 600);
        var tooBig = await Assert.ThrowsAsync<RpcException>(() => UploadAsync(workers, leaseId, "b.txt", 401));
        await UploadAsync(workers, leaseId, "b.txt", 400);
        var tooMany = await Assert.ThrowsAsync<RpcException>(() => UploadAsync(workers, leaseId, "c.txt", 1));

        Assert.Equal(StatusCode.ResourceExhausted, tooBig.StatusCode);
        Assert.Contains("artifact 'b.txt' refused: this artifact of 401 bytes would bring the job's artifacts to 1001 bytes, over the 1000 bytes", tooBig.Status.Detail);
        Assert.Equal(StatusCode.ResourceExhausted, tooMany.StatusCode);
        Assert.Contains("artifact 'c.txt' refused: this job already has 2 artifacts, the most a job may have (2)", tooMany.Status.Detail);
    }

    [Fact]
    public async Task LeaseJob_ForVerdictsOnly_LeavesOtherKindsQueued()
    {
        await using var server = await TestServer.StartAsync();
        await server.DatasetReady;
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        var defense = await Uploads.UploadAsync(server.Defenses(defender), TestPaths.GoodDefense("tiny_cnn.onnx"), "queued");
        var workers = new WorkerService.WorkerServiceClient(server.Invoker(await server.CreateTeamAsync("workers", Role.Worker)));
        var worker = await workers.RegisterWorkerAsync(new RegisterWorkerRequest { Info = new WorkerInfo { Name = "lane" } });

        var lane = await workers.LeaseJobAsync(new LeaseJobRequest { WorkerId = worker.WorkerId, WaitSeconds = 1, Kinds = { JobKind.Verdict } });
        var general = await workers.LeaseJobAsync(new LeaseJobRequest { WorkerId = worker.WorkerId, WaitSeconds = 5 });

        Assert.Null(lane.Assignment);
        Assert.Equal(defense.Validation.JobId, general.Assignment.Job.Id);
    }

    private static async Task<(WorkerService.WorkerServiceClient Workers, string LeaseId)> LeasedValidationAsync(TestServer server)
    {
        await server.DatasetReady;
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        await Uploads.UploadAsync(server.Defenses(defender), TestPaths.GoodDefense("tiny_cnn.onnx"), "queued");
        var workers = new WorkerService.WorkerServiceClient(server.Invoker(await server.CreateTeamAsync("workers", Role.Worker)));
        var worker = await workers.RegisterWorkerAsync(new RegisterWorkerRequest { Info = new WorkerInfo { Name = "raw" } });
        var lease = await workers.LeaseJobAsync(new LeaseJobRequest { WorkerId = worker.WorkerId, WaitSeconds = 5 });
        return (workers, lease.Assignment.LeaseId);
    }

    private static async Task UploadAsync(WorkerService.WorkerServiceClient workers, string leaseId, string name, int size)
    {
        var content = new byte[size];
        Random.Shared.NextBytes(content);
        using var call = workers.UploadArtifact();
        try
        {
            await call.RequestStream.WriteAsync(new UploadArtifactRequest
            {
                Metadata = new ArtifactMetadata
                {
                    LeaseId = leaseId, Name = name, ContentType = "text/plain", SizeBytes = size,
                    Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
                },
            });
            await call.RequestStream.WriteAsync(new UploadArtifactRequest { Chunk = ByteString.CopyFrom(content) });
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // The server answered early (a refusal); the response carries its status.
        }
        await call.ResponseAsync;
    }
}
