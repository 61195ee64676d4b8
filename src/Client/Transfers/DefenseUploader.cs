using Contest.Client.Cli;
using Contest.Contracts.V1;
using Google.Protobuf;

namespace Contest.Client.Transfers;

/// <summary>Streams a model file to the server: metadata first, then 1 MiB chunks. Never retried.</summary>
internal static class DefenseUploader
{
    private const int ChunkBytes = 1 << 20;

    public static async Task<Defense> UploadAsync(CliContext context, string path, DefenseUploadMetadata metadata,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            throw new CliException($"no such file: {path}");
        var size = new FileInfo(path).Length;
        metadata.SizeBytes = size;
        metadata.Sha256 = await FileHashing.Sha256Async(path, cancellationToken);
        metadata.FileName = Path.GetFileName(path);

        return await TransferProgress.RunAsync(context, $"Uploading {metadata.FileName}", size, async progress =>
        {
            using var call = context.Server.Defenses.UploadDefense(cancellationToken: cancellationToken);
            try
            {
                await call.RequestStream.WriteAsync(new UploadDefenseRequest { Metadata = metadata }, cancellationToken);
                await using var file = File.OpenRead(path);
                var buffer = new byte[ChunkBytes];
                long sent = 0;
                int read;
                while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await call.RequestStream.WriteAsync(
                        new UploadDefenseRequest { Chunk = ByteString.CopyFrom(buffer, 0, read) }, cancellationToken);
                    sent += read;
                    progress.Report(sent);
                }
                await call.RequestStream.CompleteAsync();
            }
            catch (InvalidOperationException)
            {
                // The server ended the call early (it refused the upload); its status says why.
            }
            catch (Grpc.Core.RpcException)
            {
                // Writing failed because the server already answered; read the answer below.
            }
            return await call.ResponseAsync;
        });
    }
}
