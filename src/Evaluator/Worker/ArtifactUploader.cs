using Contest.Contracts.Transport;
using Contest.Contracts.V1;

namespace Contest.Evaluator.Worker;

/// <summary>Streams one artifact file of a job to the server.</summary>
internal static class ArtifactUploader
{
    public static async Task UploadAsync(WorkerConnection connection, string leaseId, string name, string path, CancellationToken cancellationToken)
    {
        var metadata = new ArtifactMetadata
        {
            LeaseId = leaseId,
            Name = name,
            SizeBytes = new FileInfo(path).Length,
            Sha256 = await FileHashes.Sha256Async(path, cancellationToken),
            ContentType = ContentTypeOf(name),
        };
        // The server replaces a job's artifact of the same name, so a retried upload is harmless.
        await WorkerConnection.Retry.ExecuteAsync(async ct =>
        {
            using var call = connection.Workers.UploadArtifact(cancellationToken: ct);
            await ChunkedUpload.SendAsync(call, new UploadArtifactRequest { Metadata = metadata }, path,
                chunk => new UploadArtifactRequest { Chunk = chunk }, progress: null, ct);
        }, cancellationToken);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".csv" => "text/csv",
        ".json" => "application/json",
        ".txt" or ".md" => "text/plain",
        _ => "application/octet-stream",
    };
}
