using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Contest.Client.Cli;
using Contest.Client.Transfers;
using Contest.Contracts;
using Contest.Contracts.Transport;
using Contest.Contracts.V1;
using Spectre.Console;

namespace Contest.Client.Commands;

/// <summary>
/// `contest analysis download ID`: an analysis's artifacts (plots, CSVs) through JobService.DownloadArtifact,
/// each resumable and checked against the SHA-256 the analysis lists. A file already there with that
/// SHA-256 is kept, so running it again fetches only what is missing.
/// </summary>
internal static class AnalysisDownloadCommand
{
    public static Command Create(CommandActions actions)
    {
        var id = AnalysisCommands.IdArgument();
        var output = new Option<string?>("--out", "-o") { Description = "Folder to write the artifacts into, under their names (default: a folder named after the analysis's id, here)." };
        var name = new Option<string?>("--name") { Description = "Only this artifact, by the name `analysis show` lists (default: all of them)." };
        var command = new Command("download", "Download an analysis's artifacts, such as the label-DP sweep's accuracy-vs-epsilon plot (PNG) and CSV (resumable; SHA-256 checked).") { id, output, name };
        actions.Set(command, async (ctx, ct) =>
        {
            var analysis = await AnalysisCommands.GetAsync(ctx, ctx.Value(id), ct);
            var artifacts = Chosen(analysis, ctx.Value(name));
            var directory = ctx.Value(output) ?? DefaultFolder(analysis.JobId);
            // Every target is checked before the first byte is written.
            var targets = artifacts.Select(a => ArtifactPaths.Under(directory, a.Name)).ToList();
            var files = new JsonArray();
            for (var i = 0; i < artifacts.Count; i++)
            {
                var (artifact, target) = (artifacts[i], targets[i]);
                var kept = File.Exists(target) && await FileHashes.Sha256Async(target, ct) == artifact.Sha256;
                if (!kept)
                {
                    await FileDownloader.DownloadAsync(ctx, artifact.Name, target, artifact.SizeBytes,
                        (offset, c) => ctx.Server.Jobs.DownloadArtifact(new DownloadArtifactRequest { JobId = analysis.JobId, Name = artifact.Name, Offset = offset }, cancellationToken: c),
                        ct, expectedSha256: artifact.Sha256.Length > 0 ? artifact.Sha256 : null);
                }
                files.Add(new JsonObject
                {
                    ["name"] = artifact.Name,
                    ["path"] = target,
                    ["size_bytes"] = new FileInfo(target).Length,
                    ["sha256"] = artifact.Sha256,
                    ["downloaded"] = !kept,
                });
                if (!ctx.Json)
                    ctx.Console.MarkupLineInterpolated($"{(kept ? "Kept" : "Wrote")} {target} ({new FileInfo(target).Length} bytes{(kept ? ", already there" : "")}).");
            }
            if (ctx.Json)
                ctx.WriteJson(new JsonObject { ["job_id"] = analysis.JobId, ["path"] = Path.GetFullPath(directory), ["files"] = files });
        });
        return command;
    }

    /// <summary>The artifacts to fetch: all, or the one named; none at all is "not found", naming the analysis's status.</summary>
    internal static IReadOnlyList<Artifact> Chosen(AnalysisResult analysis, string? name)
    {
        if (analysis.Artifacts.Count == 0)
        {
            var why = analysis.Status == JobStatus.Succeeded ? "it produced none" : $"it is {Words.Of(analysis.Status)}; they exist once it succeeds";
            throw new CliException($"analysis {analysis.JobId} has no artifacts: {why}.", ExitCodes.NotFound);
        }
        if (name is null)
            return analysis.Artifacts;
        return analysis.Artifacts.FirstOrDefault(a => a.Name == name) is { } artifact
            ? [artifact]
            : throw new CliException($"analysis {analysis.JobId} has no artifact '{name}'; it has: {string.Join(", ", analysis.Artifacts.Select(a => a.Name))}.", ExitCodes.NotFound);
    }

    /// <summary>A folder name from the analysis's id: only letters, digits, '-' and '_' survive.</summary>
    internal static string DefaultFolder(string jobId)
    {
        var builder = new StringBuilder();
        foreach (var c in jobId.Take(80))
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        var folder = builder.ToString().Trim('_');
        return folder.Length > 0 ? folder : throw new CliException("the analysis's id makes no folder name; give one with --out.");
    }
}
