using Contest.Client.Cli;
using Contest.Client.Connection;
using Contest.Contracts.V1;
using Grpc.Core;

namespace Contest.Client.Transfers;

/// <summary>
/// Downloads a streamed file to disk: into FILE.part first, resuming from where a broken transfer
/// stopped (with backoff), then checks the SHA-256 the server announced and renames into place.
/// </summary>
internal static class FileDownloader
{
    /// <summary>Opens the stream from a byte offset.</summary>
    public delegate AsyncServerStreamingCall<FileChunk> OpenStream(long offset, CancellationToken cancellationToken);

    public static async Task<(long Size, string Sha256)> DownloadAsync(CliContext context, string description, string target,
        long expectedSize, OpenStream open, CancellationToken cancellationToken, bool showProgress = true)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(target))!;
        Directory.CreateDirectory(directory);
        var partial = target + ".part";
        long total = -1;
        string expectedSha = "";

        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write))
        {
            await TransferProgress.RunAsync(context, description, showProgress ? expectedSize : -1, progress => SafeRetry.Pipeline.ExecuteAsync(async ct =>
            {
                using var call = open(file.Length, ct);
                while (await call.ResponseStream.MoveNext(ct))
                {
                    var chunk = call.ResponseStream.Current;
                    total = chunk.TotalSize;
                    expectedSha = chunk.Sha256;
                    if (chunk.Offset != file.Length)
                        throw new CliException($"the server sent bytes from {chunk.Offset}, expected {file.Length}.", ExitCodes.Failed);
                    await file.WriteAsync(chunk.Data.Memory, ct);
                    progress.Report(file.Length);
                    if (chunk.Last)
                        break;
                }
                return true;
            }, cancellationToken).AsTask());
        }

        if (total >= 0 && new FileInfo(partial).Length != total)
        {
            File.Delete(partial);
            throw new CliException($"{description}: the download ended early; nothing was written.", ExitCodes.Failed);
        }
        var actual = await FileHashing.Sha256Async(partial, cancellationToken);
        if (expectedSha.Length > 0 && actual != expectedSha)
        {
            File.Delete(partial);
            throw new CliException($"{description}: SHA-256 mismatch ({actual} != {expectedSha}); nothing was written.", ExitCodes.Failed);
        }
        File.Move(partial, target, overwrite: true);
        return (new FileInfo(target).Length, actual);
    }
}
