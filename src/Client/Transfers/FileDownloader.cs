using Contest.Client.Cli;
using Contest.Client.Connection;
using Contest.Contracts.Transport;

namespace Contest.Client.Transfers;

/// <summary>
/// The client's downloads: <see cref="ResumableDownload"/> (FILE.part first, resumed after transient
/// failures, checked against the server's SHA-256) under the client's retry policy and progress bar.
/// Its <see cref="InvalidDataException"/>s (a damaged or inconsistent stream) end the command with exit code 1.
/// </summary>
internal static class FileDownloader
{
    /// <summary>
    /// Downloads to <paramref name="target"/>; a bar of <paramref name="expectedSize"/> bytes when <paramref name="showProgress"/>.
    /// With <paramref name="expectedSha256"/> (a hash the listing gave) the file must have it; else the stream's own.
    /// </summary>
    public static Task<DownloadedFile> DownloadAsync(CliContext context, string description, string target,
        long expectedSize, ResumableDownload.OpenAt open, CancellationToken cancellationToken, bool showProgress = true,
        string? expectedSha256 = null) =>
        TransferProgress.RunAsync(context, description, showProgress ? expectedSize : -1, progress =>
            ResumableDownload.ToFileAsync(target, open, SafeRetry.Pipeline, description, expectedSha256,
                progress: progress, cancellationToken: cancellationToken));
}
