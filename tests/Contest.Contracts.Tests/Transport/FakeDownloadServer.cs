using System.Security.Cryptography;
using Contest.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Contest.Contracts.Tests.Transport;

/// <summary>
/// Serves one file as a stream of <see cref="FileChunk"/>s from whatever offset is asked, the way the
/// server's download handlers do, with hooks to break the stream or lie about it.
/// </summary>
internal sealed class FakeDownloadServer(byte[] content, int chunkBytes)
{
    /// <summary>The offsets the client opened the stream at, in order.</summary>
    public List<long> Opens { get; } = [];

    /// <summary>The first stream fails with Unavailable after this many chunks (never when null).</summary>
    public int? BreakFirstStreamAfter { get; init; }

    /// <summary>The hash announced in every chunk (the real one unless set).</summary>
    public string Sha256 { get; init; } = Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Added to every chunk's offset, to send bytes from the wrong place.</summary>
    public long OffsetError { get; init; }

    public AsyncServerStreamingCall<FileChunk> Open(long offset, CancellationToken cancellationToken)
    {
        Opens.Add(offset);
        var chunks = new List<FileChunk>();
        for (var at = offset; at < content.Length; at += chunkBytes)
        {
            var length = (int)Math.Min(chunkBytes, content.Length - at);
            chunks.Add(new FileChunk
            {
                Data = ByteString.CopyFrom(content, (int)at, length),
                Offset = at + OffsetError,
                TotalSize = content.Length,
                Sha256 = Sha256,
                Last = at + length == content.Length,
            });
        }
        var breakAfter = Opens.Count == 1 ? BreakFirstStreamAfter : null;
        return new AsyncServerStreamingCall<FileChunk>(new Reader(chunks, breakAfter),
            Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
    }

    private sealed class Reader(List<FileChunk> chunks, int? breakAfter) : IAsyncStreamReader<FileChunk>
    {
        private int _next;

        public FileChunk Current { get; private set; } = null!;

        public Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_next == breakAfter)
                throw new RpcException(new Status(StatusCode.Unavailable, "connection reset"));
            if (_next == chunks.Count)
                return Task.FromResult(false);
            Current = chunks[_next++];
            return Task.FromResult(true);
        }
    }
}
