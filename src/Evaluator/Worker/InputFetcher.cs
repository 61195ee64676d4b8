using System.Security.Cryptography;
using Contest.Contracts.V1;
using Contest.Evaluator.Data;
using Grpc.Core;

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
        await DownloadAsync(target, sha256, offset => connection.Workers.DownloadBlob(
            new DownloadBlobRequest { LeaseId = leaseId, Sha256 = sha256, Offset = offset }, cancellationToken: cancellationToken), cancellationToken);
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
                await DownloadAsync(target, file.Sha256, offset => connection.Datasets.DownloadFile(
                    new DownloadDatasetFileRequest { Split = split, Path = file.Path, Offset = offset }, cancellationToken: cancellationToken), cancellationToken);
            }
            images.Add(new LocalImage(file.Id, file.Label, target));
        }
        return (images, $"{info.Source} {info.Version}");
    }

    private static async Task DownloadAsync(string target, string sha256, Func<long, AsyncServerStreamingCall<FileChunk>> open,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = $"{target}.{Environment.ProcessId}.part";
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write))
        {
            await WorkerConnection.Retry.ExecuteAsync(async ct =>
            {
                using var call = open(file.Length);
                await foreach (var chunk in call.ResponseStream.ReadAllAsync(ct))
                {
                    if (chunk.Offset != file.Length)
                        throw new InvalidDataException($"download of {sha256}: got bytes from {chunk.Offset}, expected {file.Length}");
                    await file.WriteAsync(chunk.Data.Memory, ct);
                    if (chunk.Last)
                        break;
                }
            }, cancellationToken);
        }
        await using (var check = File.OpenRead(partial))
        {
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(check, cancellationToken));
            if (actual != sha256)
            {
                File.Delete(partial);
                throw new InvalidDataException($"downloaded file hashes to {actual}, expected {sha256}");
            }
        }
        File.Move(partial, target, overwrite: true);
    }

    private static string Safe(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')) is { Length: > 0 } s ? s : "default";
}
