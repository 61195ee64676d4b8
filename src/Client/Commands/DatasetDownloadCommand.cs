using System.CommandLine;
using System.Text.Json.Nodes;
using Contest.Client.Cli;
using Contest.Client.Connection;
using Contest.Client.Output;
using Contest.Client.Transfers;
using Contest.Contracts.Transport;
using Contest.Contracts.V1;
using Contest.Core.Dataset;
using Spectre.Console;

namespace Contest.Client.Commands;

/// <summary>
/// `contest dataset download --split train --out DIR`: the server's images of one split, into
/// DIR/bicycle/ and DIR/bird/ (torchvision's ImageFolder reads that as bicycle = 0, bird = 1).
/// Resumable by file: files already there with the right SHA-256 are kept.
/// </summary>
internal static class DatasetDownloadCommand
{
    public static Command Create(CommandActions actions)
    {
        var split = new Option<string>("--split") { Description = "train, test or extras (eligibility stays hidden).", Required = true };
        var output = new Option<string>("--out") { Description = "Folder to write <class>/<id>.jpg into.", Required = true };
        var command = new Command("download", "Download a split from the server (kept files are not fetched again).") { split, output };
        actions.Set(command, async (ctx, ct) =>
        {
            var name = ctx.Value(split).Trim().ToLowerInvariant();
            var root = ctx.Value(output);
            var listing = await SafeRetry.CallAsync(c => ctx.Server.Datasets.ListFilesAsync(new ListDatasetFilesRequest { Split = name }, cancellationToken: c), ct);
            var fetched = 0;
            var kept = 0;
            await ImageProgress.RunAsync(ctx, $"Downloading {name}", progress =>
            {
                for (var i = 0; i < listing.Files.Count; i++)
                {
                    var file = listing.Files[i];
                    var target = Path.Combine(root, file.Path.Replace('/', Path.DirectorySeparatorChar));
                    if (HasContent(target, file.Sha256, ct))
                    {
                        kept++;
                    }
                    else
                    {
                        FileDownloader.DownloadAsync(ctx, file.Path, target, file.SizeBytes,
                            (offset, c) => ctx.Server.Datasets.DownloadFile(new DownloadDatasetFileRequest { Split = name, Path = file.Path, Offset = offset }, cancellationToken: c),
                            ct, showProgress: false).GetAwaiter().GetResult();
                        fetched++;
                    }
                    progress?.Report(new DatasetProgress(i + 1, listing.Files.Count));
                }
                return true;
            });
            if (ctx.Json)
            {
                ctx.WriteJson(new JsonObject
                {
                    ["split"] = name,
                    ["path"] = Path.GetFullPath(root),
                    ["files"] = listing.Files.Count,
                    ["downloaded"] = fetched,
                    ["kept"] = kept,
                });
                return;
            }
            ctx.Console.MarkupLineInterpolated($"{listing.Files.Count} images of {name} in {Path.GetFullPath(root)} ({fetched} downloaded, {kept} already there).");
            ctx.Console.MarkupLineInterpolated($"PyTorch: torchvision.datasets.ImageFolder(\"{root}\") reads them with bicycle = 0, bird = 1.");
        });
        return command;
    }

    // Runs on the progress worker thread, which already waits on each download.
    private static bool HasContent(string path, string sha256, CancellationToken cancellationToken) =>
        File.Exists(path) && FileHashes.Sha256Async(path, cancellationToken).GetAwaiter().GetResult() == sha256;
}
