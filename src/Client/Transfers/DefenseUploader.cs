using Contest.Client.Cli;
using Contest.Contracts.Transport;
using Contest.Contracts.V1;

namespace Contest.Client.Transfers;

/// <summary>Streams a model file to the server: metadata first, then the file in chunks. Never retried.</summary>
internal static class DefenseUploader
{
    public static async Task<Defense> UploadAsync(CliContext context, string path, DefenseUploadMetadata metadata,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            throw new CliException($"no such file: {path}");
        var size = new FileInfo(path).Length;
        metadata.SizeBytes = size;
        metadata.Sha256 = await FileHashes.Sha256Async(path, cancellationToken);
        metadata.FileName = Path.GetFileName(path);

        return await TransferProgress.RunAsync(context, $"Uploading {metadata.FileName}", size, async progress =>
        {
            using var call = context.Server.Defenses.UploadDefense(cancellationToken: cancellationToken);
            return await ChunkedUpload.SendAsync(call, new UploadDefenseRequest { Metadata = metadata }, path,
                chunk => new UploadDefenseRequest { Chunk = chunk }, progress, cancellationToken);
        });
    }
}
