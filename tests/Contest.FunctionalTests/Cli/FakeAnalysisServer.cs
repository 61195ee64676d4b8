using System.Security.Cryptography;
using Contest.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.FunctionalTests.Cli;

/// <summary>
/// A gRPC server that answers the analysis calls of ReferenceService and the job calls they lead to
/// (watch, get, artifact download) for one finished analysis, so the client's analysis commands run
/// end to end before the real service exists. Only the key "organizer" may run an analysis, as the
/// contract says; it records what run sent.
/// </summary>
internal sealed class FakeAnalysisServer : IAsyncDisposable
{
    public const string OrganizerKey = "organizer";

    private readonly FakeGrpcHost _host;

    private FakeAnalysisServer(FakeGrpcHost host, FakeAnalysisState state)
    {
        _host = host;
        State = state;
    }

    public string Address => _host.Address;

    public FakeAnalysisState State { get; }

    public static async Task<FakeAnalysisServer> StartAsync(AnalysisResult analysis, IReadOnlyDictionary<string, byte[]> artifacts)
    {
        var state = new FakeAnalysisState(analysis, artifacts);
        var host = await FakeGrpcHost.StartAsync(services => services.AddSingleton(state), app =>
        {
            app.MapGrpcService<FakeAnalysisReferenceService>();
            app.MapGrpcService<FakeAnalysisJobService>();
        });
        return new FakeAnalysisServer(host, state);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}

/// <summary>The analysis the fake serves, its artifacts' bytes, and the last request run sent.</summary>
public sealed class FakeAnalysisState(AnalysisResult analysis, IReadOnlyDictionary<string, byte[]> artifacts)
{
    public AnalysisResult Analysis { get; } = analysis;

    public IReadOnlyDictionary<string, byte[]> Artifacts { get; } = artifacts;

    public RunAnalysisRequest? LastRunRequest { get; set; }

    public Job FinishedJob => new() { Id = Analysis.JobId, Kind = JobKind.Analysis, Status = Analysis.Status };

    public AnalysisResult Find(string jobId) =>
        jobId == Analysis.JobId ? Analysis : throw new RpcException(new Status(StatusCode.NotFound, $"no analysis {jobId}."));
}

public sealed class FakeAnalysisReferenceService(FakeAnalysisState state) : ReferenceService.ReferenceServiceBase
{
    public override Task<Job> RunAnalysis(RunAnalysisRequest request, ServerCallContext context)
    {
        if (context.RequestHeaders.GetValue("authorization") != $"Bearer {FakeAnalysisServer.OrganizerKey}")
            throw new RpcException(new Status(StatusCode.PermissionDenied, "running an analysis needs an organizer key."));
        state.LastRunRequest = request;
        return Task.FromResult(new Job { Id = state.Analysis.JobId, Kind = JobKind.Analysis, Status = JobStatus.Queued });
    }

    public override Task<ListAnalysesResponse> ListAnalyses(ListAnalysesRequest request, ServerCallContext context)
    {
        var response = new ListAnalysesResponse();
        if (request.Kind is AnalysisKind.Unspecified || request.Kind == state.Analysis.Kind)
            response.Analyses.Add(state.Analysis);
        return Task.FromResult(response);
    }

    public override Task<AnalysisResult> GetAnalysis(GetAnalysisRequest request, ServerCallContext context) =>
        Task.FromResult(state.Find(request.JobId));
}

/// <summary>The job side: the analysis's job has already ended; artifacts stream in 1000-byte chunks from the offset asked for.</summary>
public sealed class FakeAnalysisJobService(FakeAnalysisState state) : JobService.JobServiceBase
{
    public override Task<Job> GetJob(GetJobRequest request, ServerCallContext context)
    {
        state.Find(request.JobId);
        return Task.FromResult(state.FinishedJob);
    }

    public override async Task WatchJob(WatchJobRequest request, IServerStreamWriter<JobProgress> responseStream, ServerCallContext context)
    {
        state.Find(request.JobId);
        await responseStream.WriteAsync(new JobProgress { Status = state.Analysis.Status, Phase = "done", Done = 1, Total = 1 });
    }

    public override async Task DownloadArtifact(DownloadArtifactRequest request, IServerStreamWriter<FileChunk> responseStream, ServerCallContext context)
    {
        state.Find(request.JobId);
        if (!state.Artifacts.TryGetValue(request.Name, out var bytes))
            throw new RpcException(new Status(StatusCode.NotFound, $"no artifact {request.Name}."));
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        for (var offset = (int)request.Offset; offset < bytes.Length; offset += 1000)
        {
            var length = Math.Min(1000, bytes.Length - offset);
            await responseStream.WriteAsync(new FileChunk
            {
                Data = ByteString.CopyFrom(bytes, offset, length),
                Offset = offset,
                TotalSize = bytes.Length,
                Sha256 = sha256,
                Last = offset + length == bytes.Length,
            });
        }
    }
}
