using Contest.Contracts.Transport;
using Contest.Contracts.V1;
using Contest.Evaluator.Data;

namespace Contest.Evaluator.Worker;

/// <summary>
/// Brings a job's inputs onto this machine: stored blobs (model files, attack images) and dataset
/// splits, into a cache keyed by SHA-256 so repeated jobs download nothing. Every file is verified
/// against its hash before use.
/// </summary>
internal sealed class InputFetcher(WorkerConnection connection, string cacheDirectory)
{
    public async Task<string> BlobAsync(string leaseId, string sha256, CancellationToken cancellationToken)
    {
        var target = Path.Combine(cacheDirectory, "blobs", sha256);
        if (File.Exists(target))
            return target;
        await DownloadAsync(target, sha256, $"blob {sha256}", (offset, ct) => connection.Workers.DownloadBlob(
            new DownloadBlobRequest { LeaseId = leaseId, Sha256 = sha256, Offset = offset }, cancellationToken: ct), cancellationToken);
        return target;
    }

    /// <summary>The split's images, downloaded as needed, in the server's order, and the dataset's name.</summary>
    public async Task<(IReadOnlyList<LocalImage> Images, string Dataset)> SplitAsync(string split, CancellationToken cancellationToken)
    {
        var info = await WorkerConnection.Retry.ExecuteAsync(async ct =>
            await connection.Datasets.GetDatasetAsync(new GetDatasetRequest(), cancellationToken: ct), cancellationToken);
        var listing = await WorkerConnection.Retry.ExecuteAsync(async ct =>
            await connection.Datasets.ListFilesAsync(new ListDatasetFilesRequest { Split = split }, cancellationToken: ct), cancellationToken);
        var root = Path.Combine(cacheDirectory, "datasets", Safe(info.Source), Safe(info.Version), split);
        var images = new List<LocalImage>(listing.Files.Count);
        foreach (var file in listing.Files)
        {
            var target = Path.Combine(root, file.Path.Replace('/', Path.DirectorySeparatorChar));
            if (!File.Exists(target) || new FileInfo(target).Length != file.SizeBytes)
            {
                await DownloadAsync(target, file.Sha256, $"dataset file {split}/{file.Path}", (offset, ct) => connection.Datasets.DownloadFile(
                    new DownloadDatasetFileRequest { Split = split, Path = file.Path, Offset = offset }, cancellationToken: ct), cancellationToken);
            }
            images.Add(new LocalImage(file.Id, file.Label, target));
        }
        return (images, $"{info.Source} {info.Version}");
    }

    // Job slots and other workers on this machine may share the cache, so each process writes its own
    // partial file; the verified file is then moved into place.
    private static Task DownloadAsync(string target, string sha256, string description, ResumableDownload.OpenAt open,
        CancellationToken cancellationToken) =>
        ResumableDownload.ToFileAsync(target, open, WorkerConnection.Retry, description, expectedSha256: sha256,
            partialPath: $"{target}.{Environment.ProcessId}.part", cancellationToken: cancellationToken);

    private static string Safe(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')) is { Length: > 0 } s ? s : "default";
}
