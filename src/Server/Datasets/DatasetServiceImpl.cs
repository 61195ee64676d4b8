using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Files;
using Grpc.Core;

namespace Contest.Server.Datasets;

/// <summary>
/// Serves the dataset to participants: train, test and extras to every team, the eligibility split only
/// to organizers. Workers read the images of the job they lease through the worker service instead.
/// </summary>
internal sealed class DatasetServiceImpl(IDatasetCatalog catalog) : DatasetService.DatasetServiceBase
{
    [RequireRole]
    public override Task<DatasetInfo> GetDataset(GetDatasetRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        if (!catalog.IsReady)
            throw RpcErrors.Unavailable($"{catalog.Status}; try again shortly.");
        var info = catalog.Describe();
        foreach (var split in info.Splits)
            split.Downloadable = MaySee(caller, split.Name);
        return Task.FromResult(info);
    }

    [RequireRole]
    public override Task<ListDatasetFilesResponse> ListFiles(ListDatasetFilesRequest request, ServerCallContext context)
    {
        var split = Check(request.Split, context.GetCaller());
        var response = new ListDatasetFilesResponse { Split = split };
        response.Files.AddRange(catalog.Files(split).Select(f => new DatasetFile
        {
            Path = f.Path,
            Label = f.Label.ToLabel(),
            SizeBytes = f.SizeBytes,
            Sha256 = f.Sha256,
            Id = f.Id,
        }));
        return Task.FromResult(response);
    }

    [RequireRole]
    public override async Task DownloadFile(DownloadDatasetFileRequest request, IServerStreamWriter<FileChunk> responseStream, ServerCallContext context)
    {
        var split = Check(request.Split, context.GetCaller());
        var file = catalog.Files(split).FirstOrDefault(f => f.Path == request.Path)
            ?? throw RpcErrors.NotFound($"no file '{request.Path}' in split '{split}'.");
        await using var stream = catalog.Open(split, file.Path);
        await FileChunkStreamer.SendAsync(stream, file.Sha256, request.Offset, responseStream, context.CancellationToken);
    }

    private string Check(string requested, Caller caller)
    {
        if (!catalog.IsReady)
            throw RpcErrors.Unavailable($"{catalog.Status}; try again shortly.");
        var split = requested.Trim().ToLowerInvariant();
        if (!MaySee(caller, split))
            throw RpcErrors.PermissionDenied(
                "the eligibility split is hidden: only organizers may read it here (a worker gets its images only for the eligibility job it leased).");
        if (catalog.Files(split).Count == 0)
            throw RpcErrors.NotFound($"the dataset has no split '{requested}' (splits: {string.Join(", ", catalog.Describe().Splits.Select(s => s.Name))}).");
        return split;
    }

    private static bool MaySee(Caller caller, string split) =>
        split != IDatasetCatalog.HiddenSplit || caller.IsOrganizer;
}
