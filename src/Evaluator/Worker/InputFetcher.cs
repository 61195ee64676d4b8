using Contest.Contracts.Transport;
using Contest.Contracts.V1;
using Contest.Evaluator.Data;

namespace Contest.Evaluator.Worker;

/// <summary>
/// Brings a job's inputs onto this machine: stored blobs (model files, attack images) and the dataset
/// images of the leased job, into a cache keyed by SHA-256 (content, never the dataset's paths, which
/// name the class), so repeated jobs download nothing. Every file is verified against its hash when it
/// arrives, and a cached blob is hashed again before each use, so a file changed on disk never runs.
/// </summary>
internal sealed class InputFetcher(WorkerConnection connection, string cacheDirectory)
{
    public async Task<string> BlobAsync(string leaseId, string sha256, CancellationToken cancellationToken)
    {
        var target = Path.Combine(cacheDirectory, "blobs", CheckedHash(sha256));
        if (File.Exists(target))
        {
            if (await FileHashes.Sha256Async(target, cancellationToken) == sha256)
                return target;
            File.Delete(target);
        }
        await DownloadAsync(target, sha256, $"blob {sha256}", (offset, ct) => connection.Workers.DownloadBlob(
            new DownloadBlobRequest { LeaseId = leaseId, Sha256 = sha256, Offset = offset }, cancellationToken: ct), cancellationToken);
        return target;
    }

    /// <summary>
    /// The leased job's dataset images, downloaded as needed, in the server's order, and the dataset's
    /// name. Hidden-split images come without labels: the server keeps those.
    /// </summary>
    public async Task<(IReadOnlyList<LocalImage> Images, string Dataset)> JobImagesAsync(string leaseId, CancellationToken cancellationToken)
    {
        var listing = await WorkerConnection.Retry.ExecuteAsync(async ct =>
            await connection.Workers.ListJobImagesAsync(new ListJobImagesRequest { LeaseId = leaseId }, cancellationToken: ct), cancellationToken);
        var root = Path.Combine(cacheDirectory, "images");
        var images = new List<LocalImage>(listing.Images.Count);
        foreach (var image in listing.Images)
        {
            var target = Path.Combine(root, CheckedHash(image.Sha256) + ImageExtensions.Safe(image.Extension));
            if (!File.Exists(target) || new FileInfo(target).Length != image.SizeBytes)
            {
                await DownloadAsync(target, image.Sha256, $"image {image.Id} of the {listing.Split} split", (offset, ct) => connection.Workers.DownloadJobImage(
                    new DownloadJobImageRequest { LeaseId = leaseId, Id = image.Id, Offset = offset }, cancellationToken: ct), cancellationToken);
            }
            images.Add(new LocalImage(image.Id, image.Label, target, image.Split));
        }
        return (images, listing.Dataset);
    }

    // Other workers on this machine and this worker's own slots (a general slot and the verdict lane often
    // fetch the same attack image at once) share the cache, so every download writes its own partial
    // file; the verified file is then moved into place, whole, by one atomic rename.
    private static Task DownloadAsync(string target, string sha256, string description, ResumableDownload.OpenAt open,
        CancellationToken cancellationToken) =>
        ResumableDownload.ToFileAsync(target, open, WorkerConnection.Retry, description, expectedSha256: sha256,
            partialPath: $"{target}.{Environment.ProcessId}.{Guid.NewGuid():N}.part", cancellationToken: cancellationToken);

    // The hash names a file in the cache, so it must be exactly a hash (never "../" or a path).
    private static string CheckedHash(string sha256) =>
        sha256.Length == 64 && sha256.All(char.IsAsciiHexDigitLower)
            ? sha256
            : throw new InvalidDataException($"the server named an input by '{sha256}', which is not a SHA-256.");
}
