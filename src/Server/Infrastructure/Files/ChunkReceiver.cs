using Contest.Contracts.Transport;
using Contest.Server.Infrastructure.Storage;
using Google.Protobuf;
using Grpc.Core;

namespace Contest.Server.Infrastructure.Files;

/// <summary>
/// Receives the chunks of a streamed upload (after its metadata message) into a blob upload, enforcing
/// while it streams the chunk size, a cap on the total and the size the sender announced. Nothing is
/// stored unless the caller commits the upload afterwards.
/// </summary>
internal static class ChunkReceiver
{
    /// <summary>Reads every remaining message as a chunk; <paramref name="chunkOf"/> refuses a message that is not one.</summary>
    /// <param name="requests">The request stream, positioned after the metadata.</param>
    /// <param name="chunkOf">The chunk a message carries (throw an RpcException for anything else).</param>
    /// <param name="upload">Where the bytes go.</param>
    /// <param name="announcedBytes">The size the sender announced.</param>
    /// <param name="maxBytes">The largest file accepted.</param>
    /// <param name="what">Names the file in messages ("model files", "artifacts").</param>
    /// <param name="cancellationToken">Stops receiving.</param>
    public static async Task ReceiveAsync<TRequest>(IAsyncStreamReader<TRequest> requests, Func<TRequest, ByteString> chunkOf,
        BlobUpload upload, long announcedBytes, long maxBytes, string what, CancellationToken cancellationToken)
    {
        while (await requests.MoveNext(cancellationToken))
        {
            var chunk = chunkOf(requests.Current);
            if (chunk.Length > TransferLimits.ChunkBytes)
                throw RpcErrors.InvalidArgument($"a chunk of {chunk.Length} bytes exceeds the limit of {TransferLimits.ChunkBytes} bytes (1 MiB).");
            if (upload.Length + chunk.Length > maxBytes)
                throw RpcErrors.ResourceExhausted(
                    $"upload stopped at {upload.Length + chunk.Length} bytes: the server accepts {what} up to {maxBytes} bytes.");
            if (upload.Length + chunk.Length > announcedBytes)
                throw RpcErrors.InvalidArgument(
                    $"received more than the {announcedBytes} bytes announced in the metadata; nothing was stored.");
            await upload.WriteAsync(chunk.Memory, cancellationToken);
        }
    }
}
