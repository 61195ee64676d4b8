using Contest.Contracts.V1;
using Grpc.Core;
using Polly;

namespace Contest.Contracts.Transport;

/// <summary>What a finished download wrote.</summary>
/// <param name="Size">Bytes in the file.</param>
/// <param name="Sha256">Its SHA-256, checked against what the server announced.</param>
public sealed record DownloadedFile(long Size, string Sha256);

/// <summary>
/// Downloads a streamed file (<see cref="FileChunk"/>s) to disk: into a partial file first, resuming
/// from its length when the stream breaks and the retry policy tries again, then checking the size
/// and SHA-256 and renaming it into place. On any failure nothing is left at the target.
/// </summary>
public static class ResumableDownload
{
    /// <summary>Opens the stream from a byte offset.</summary>
    public delegate AsyncServerStreamingCall<FileChunk> OpenAt(long offset, CancellationToken cancellationToken);

    /// <summary>Downloads to <paramref name="target"/>.</summary>
    /// <param name="target">Where the file ends up.</param>
    /// <param name="open">Starts the server's stream at an offset.</param>
    /// <param name="retry">Retries (and so resumes) after transient failures.</param>
    /// <param name="description">Names the file in error messages.</param>
    /// <param name="expectedSha256">The hash the file must have, when known in advance; else the server's.</param>
    /// <param name="partialPath">The partial file (default: target + ".part"); give each concurrent writer its own.</param>
    /// <param name="progress">Bytes written so far.</param>
    /// <param name="cancellationToken">Stops the download (the partial file is removed).</param>
    /// <exception cref="InvalidDataException">The stream was inconsistent, ended early, or hashed wrong.</exception>
    public static async Task<DownloadedFile> ToFileAsync(
        string target,
        OpenAt open,
        ResiliencePipeline retry,
        string description,
        string? expectedSha256 = null,
        string? partialPath = null,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(retry);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        var partial = partialPath ?? target + ".part";
        try
        {
            var announced = await WriteAsync(partial, open, retry, description, progress, cancellationToken);
            var expected = expectedSha256 ?? announced.Sha256;
            var size = new FileInfo(partial).Length;
            if (announced.TotalSize >= 0 && size != announced.TotalSize)
                throw new InvalidDataException($"{description}: the download ended early ({size} of {announced.TotalSize} bytes); nothing was written.");
            var actual = await FileHashes.Sha256Async(partial, cancellationToken);
            if (expected.Length > 0 && actual != expected)
                throw new InvalidDataException($"{description}: SHA-256 mismatch ({actual} != {expected}); nothing was written.");
            File.Move(partial, target, overwrite: true);
            return new DownloadedFile(size, actual);
        }
        finally
        {
            if (File.Exists(partial))
                File.Delete(partial);
        }
    }

    private static async Task<(long TotalSize, string Sha256)> WriteAsync(string partial, OpenAt open, ResiliencePipeline retry,
        string description, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        long total = -1;
        var sha256 = "";
        await using var file = new FileStream(partial, FileMode.Create, FileAccess.Write);
        await retry.ExecuteAsync(async ct =>
        {
            // A retry resumes where the last attempt stopped.
            using var call = open(file.Length, ct);
            while (await call.ResponseStream.MoveNext(ct))
            {
                var chunk = call.ResponseStream.Current;
                total = chunk.TotalSize;
                sha256 = chunk.Sha256;
                if (chunk.Offset != file.Length)
                    throw new InvalidDataException($"{description}: the server sent bytes from {chunk.Offset}, expected {file.Length}.");
                await file.WriteAsync(chunk.Data.Memory, ct);
                progress?.Report(file.Length);
                if (chunk.Last)
                    break;
            }
        }, cancellationToken);
        return (total, sha256);
    }
}
