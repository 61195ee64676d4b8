using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Server.Analyses;
using Contest.Server.Audit;
using Contest.Server.Auth;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Files;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Contest.Server.Leaderboards;
using Grpc.Core;

namespace Contest.Server.References;

/// <summary>
/// The server's own models: everyone lists, reads and downloads them; organizers train new ones. And
/// analyses (the Analyses feature): everyone lists and reads them; organizers run them.
/// </summary>
internal sealed class ReferenceServiceImpl(
    ContestDatabase db,
    ReferenceStore references,
    ReferenceTrainer trainer,
    AnalysisRunner analyses,
    AnalysisReader analysisResults,
    JobStore jobs,
    BlobStore blobs,
    Identities identities,
    AuditLog audit) : ReferenceService.ReferenceServiceBase
{
    [RequireRole]
    public override Task<ListReferenceModelsResponse> ListReferenceModels(ListReferenceModelsRequest request, ServerCallContext context)
    {
        var response = new ListReferenceModelsResponse();
        response.Models.AddRange(references.Newest().Select(ToProto));
        return Task.FromResult(response);
    }

    [RequireRole]
    public override Task<ReferenceModel> GetReferenceModel(GetReferenceModelRequest request, ServerCallContext context) =>
        Task.FromResult(ToProto(Find(request.Id)));

    [RequireRole(Role.Organizer)]
    public override Task<Job> TrainReferenceModel(TrainReferenceModelRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var job = db.Write(() =>
        {
            var (reference, job) = trainer.Queue(request, builtIn: false);
            audit.Append(caller, "reference.train", $"reference/{reference.Id}", "",
                new() { ["name"] = reference.Name, ["kind"] = Words.Of(reference.Kind), ["seed"] = reference.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            return job;
        });
        return Task.FromResult(job.ToProto(identities.Team(job.TeamId), JobView.Owner));
    }

    [RequireRole]
    public override async Task DownloadReferenceModel(DownloadReferenceModelRequest request, IServerStreamWriter<FileChunk> responseStream,
        ServerCallContext context)
    {
        var file = string.IsNullOrEmpty(request.File) ? ReferenceMapping.ModelFile : request.File.Trim().ToLowerInvariant();
        if (file is not (ReferenceMapping.ModelFile or ReferenceMapping.SafetensorsFile or ReferenceMapping.CurveFile))
            throw RpcErrors.InvalidArgument(
                $"unknown file '{Core.Text.ModelText.Clean(request.File, 40)}'; a reference model offers '{ReferenceMapping.ModelFile}' (native), " +
                $"'{ReferenceMapping.SafetensorsFile}' (for PyTorch) and '{ReferenceMapping.CurveFile}' (the training curve, PNG).");
        var reference = Find(request.Id);
        if (reference.Status is ReferenceStatus.Training or ReferenceStatus.Queued)
            throw RpcErrors.FailedPrecondition(
                $"reference model {reference.Id} is still {(reference.Status == ReferenceStatus.Queued ? "waiting for a worker" : "training")} (job {reference.JobId}); its files exist once it is ready.");
        if (reference.Status == ReferenceStatus.Failed)
            throw RpcErrors.FailedPrecondition($"reference model {reference.Id} failed to train, so it has no files: {reference.Reason}");
        var sha256 = ReferenceMapping.Files(reference).Where(f => f.Name == file).Select(f => f.Sha256).FirstOrDefault()
            ?? throw RpcErrors.NotFound($"reference model {reference.Id} has no '{file}' file (its training did not produce one).");
        await using var stream = blobs.OpenRead(sha256);
        await FileChunkStreamer.SendAsync(stream, sha256, request.Offset, responseStream, context.CancellationToken);
    }

    [RequireRole(Role.Organizer)]
    public override Task<Job> RunAnalysis(RunAnalysisRequest request, ServerCallContext context)
    {
        var job = analyses.Run(request, context.GetCaller());
        return Task.FromResult(job.ToProto(identities.Team(job.TeamId), JobView.Owner));
    }

    [RequireRole]
    public override Task<ListAnalysesResponse> ListAnalyses(ListAnalysesRequest request, ServerCallContext context) =>
        Task.FromResult(analysisResults.List(request.Kind));

    [RequireRole]
    public override Task<AnalysisResult> GetAnalysis(GetAnalysisRequest request, ServerCallContext context) =>
        Task.FromResult(analysisResults.Get(request.JobId));

    private ReferenceRecord Find(string id) =>
        references.Find(Ids.Require("ref", id, "reference model")) ?? throw RpcErrors.NotFound("reference model", id);

    /// <summary>The record with what its warm-up evaluation measured, once that finished.</summary>
    private ReferenceModel ToProto(ReferenceRecord reference)
    {
        var evaluation = reference.EvaluationJobId.Length > 0 && jobs.Find(reference.EvaluationJobId) is { } job
            ? WarmupScores.Of(job, blobs)
            : new Dictionary<string, double>();
        return reference.ToProto(evaluation);
    }
}
