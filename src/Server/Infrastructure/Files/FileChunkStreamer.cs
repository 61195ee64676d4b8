using Contest.Contracts.Transport;
using Contest.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Contest.Server.Infrastructure.Files;

/// <summary>Streams a file to a client in chunks of at most 1 MiB, from a byte offset on (resumable).</summary>
internal static class FileChunkStreamer
{
    public static async Task SendAsync(Stream source, string sha256, long offset, IServerStreamWriter<FileChunk> output,
        CancellationToken cancellationToken)
    {
        var total = source.Length;
        if (offset < 0 || offset > total)
            throw RpcErrors.InvalidArgument($"offset {offset} is outside the file (0..{total}).");
        source.Position = offset;

        var buffer = new byte[TransferLimits.ChunkBytes];
        var position = offset;
        do
        {
            var read = await source.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            var last = position + read >= total;
            await output.WriteAsync(new FileChunk
            {
                Data = ByteString.CopyFrom(buffer, 0, read),
                Offset = position,
                TotalSize = total,
                Sha256 = sha256,
                Last = last,
            }, cancellationToken);
            position += read;
            if (last)
                break;
        }
        while (true);
    }
}
