using System.Security.Cryptography;
using Contest.Contracts.V1;
using Google.Protobuf;

namespace Contest.Evaluator.Worker;

/// <summary>Streams one artifact file of a job to the server.</summary>
internal static class ArtifactUploader
{
    private const int ChunkBytes = 1 << 20;

    public static async Task UploadAsync(WorkerConnection connection, string leaseId, string name, string path, CancellationToken cancellationToken)
    {
        string sha256;
        await using (var read = File.OpenRead(path))
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(read, cancellationToken));
        var metadata = new ArtifactMetadata
        {
            LeaseId = leaseId,
            Name = name,
            SizeBytes = new FileInfo(path).Length,
            Sha256 = sha256,
            ContentType = ContentTypeOf(name),
        };
        await WorkerConnection.Retry.ExecuteAsync(async ct =>
        {
            using var call = connection.Workers.UploadArtifact(cancellationToken: ct);
            await call.RequestStream.WriteAsync(new UploadArtifactRequest { Metadata = metadata }, ct);
            await using var file = File.OpenRead(path);
            var buffer = new byte[ChunkBytes];
            int read;
            while ((read = await file.ReadAsync(buffer, ct)) > 0)
                await call.RequestStream.WriteAsync(new UploadArtifactRequest { Chunk = ByteString.CopyFrom(buffer, 0, read) }, ct);
            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync;
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
