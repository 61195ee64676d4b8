using Google.Protobuf;
using Grpc.Core;

namespace Contest.Contracts.Transport;

/// <summary>
/// Streams a file to the server: one leading message (the metadata), then the file in chunks of
/// <see cref="TransferLimits.ChunkBytes"/>. When the server refuses early, the writes fail; its
/// answer, with the reason, is what the call returns or throws.
/// </summary>
public static class ChunkedUpload
{
    /// <summary>Sends <paramref name="first"/>, then the file, and returns the server's answer.</summary>
    /// <param name="call">A client-streaming call just started.</param>
    /// <param name="first">The leading message, usually the metadata.</param>
    /// <param name="path">The file to send.</param>
    /// <param name="chunk">Wraps a chunk's bytes in a request message.</param>
    /// <param name="progress">Bytes of the file sent so far.</param>
    /// <param name="cancellationToken">Stops the upload.</param>
    public static async Task<TResponse> SendAsync<TRequest, TResponse>(
        AsyncClientStreamingCall<TRequest, TResponse> call,
        TRequest first,
        string path,
        Func<ByteString, TRequest> chunk,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(chunk);
        try
        {
            await call.RequestStream.WriteAsync(first, cancellationToken);
            await using var file = File.OpenRead(path);
            var buffer = new byte[TransferLimits.ChunkBytes];
            long sent = 0;
            int read;
            while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await call.RequestStream.WriteAsync(chunk(ByteString.CopyFrom(buffer, 0, read)), cancellationToken);
                sent += read;
                progress?.Report(sent);
            }
            await call.RequestStream.CompleteAsync();
        }
        catch (InvalidOperationException)
        {
            // The server ended the call early (it refused the upload); its status says why.
        }
        catch (RpcException) when (!cancellationToken.IsCancellationRequested)
        {
            // Writing failed because the server already answered; read the answer below.
        }
        return await call.ResponseAsync;
    }
}
