using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Contest.Client.Cli;
using Contest.Client.Connection;
using Contest.Client.Output;
using Contest.Client.Transfers;
using Contest.Contracts;
using Contest.Contracts.Transport;
using Contest.Contracts.V1;
using Spectre.Console;

namespace Contest.Client.Commands;

/// <summary>`contest reference list|train|show|download`: the server's own models (built-in baselines).</summary>
internal static class ReferenceCommands
{
    /// <summary>The files a reference model offers, and the extension each gets when no path is given.</summary>
    private static readonly Dictionary<string, string> FileExtensions = new(StringComparer.Ordinal)
    {
        ["model"] = ".model",
        ["safetensors"] = ".safetensors",
        ["curve"] = "-curve.png",
    };

    public static Command Create(CommandActions actions)
    {
        var reference = new Command("reference", "Reference models the server trains itself (undefended, PGD, TRADES, label DP): list, train, show, download.");
        reference.Subcommands.Add(List(actions));
        reference.Subcommands.Add(ReferenceTrainCommand.Create(actions));
        reference.Subcommands.Add(Show(actions));
        reference.Subcommands.Add(Download(actions));
        return reference;
    }

    private static Command List(CommandActions actions)
    {
        var command = new Command("list", "List the reference models, newest first, with their key measured metrics.");
        actions.Set(command, async (ctx, ct) =>
        {
            var response = await SafeRetry.CallAsync(c => ctx.Server.References.ListReferenceModelsAsync(new ListReferenceModelsRequest(), cancellationToken: c), ct);
            if (ctx.Json)
                ctx.WriteJson(new JsonArray(response.Models.Select(m => (JsonNode)ReferenceJsonViews.Reference(m)).ToArray()));
            else if (response.Models.Count == 0)
                ctx.Console.MarkupLine("No reference models yet.");
            else
                ReferenceTables.WriteList(ctx.Console, response.Models);
        });
        return command;
    }

    private static Command Show(CommandActions actions)
    {
        var id = new Argument<string>("ID") { Description = "Reference model id." };
        var curve = new Option<string?>("--curve") { Description = "Also download the training curve (PNG) to this file." };
        var command = new Command("show", "Show one reference model: parameters, training curve, measured metrics beside the published ones.") { id, curve };
        actions.Set(command, async (ctx, ct) =>
        {
            var model = await GetAsync(ctx, ctx.Value(id), ct);
            var target = ctx.Value(curve);
            var png = target is null ? null : await DownloadFileAsync(ctx, model, "curve", target, ct);
            if (ctx.Json)
            {
                var json = ReferenceJsonViews.Reference(model);
                if (png is not null)
                    json["curve_file"] = new JsonObject { ["path"] = Path.GetFullPath(target!), ["size_bytes"] = png.Size, ["sha256"] = png.Sha256 };
                ctx.WriteJson(json);
                return;
            }
            ReferenceTables.WriteDetails(ctx.Console, model);
            if (png is not null)
                ctx.Console.MarkupLineInterpolated($"Wrote the training curve to {target} ({png.Size} bytes).");
        });
        return command;
    }

    private static Command Download(CommandActions actions)
    {
        var id = new Argument<string>("ID") { Description = "Reference model id." };
        var file = new Option<string>("--file")
        {
            Description = "model (the native file the server evaluates), safetensors (the weights for PyTorch) or curve (the training curve, PNG).",
            DefaultValueFactory = _ => "model",
        };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write it (default: the model's name and the file's extension, here)." };
        var command = new Command("download", "Download a trained reference model's file (resumable; checked against the server's SHA-256).") { id, file, output };
        actions.Set(command, async (ctx, ct) =>
        {
            var which = ctx.Value(file).Trim().ToLowerInvariant();
            if (!FileExtensions.ContainsKey(which))
                throw new CliException($"unknown file '{ctx.Value(file)}'; use {string.Join(", ", FileExtensions.Keys)}.");
            var model = await GetAsync(ctx, ctx.Value(id), ct);
            var target = ctx.Value(output) ?? DefaultFileName(model, which);
            var downloaded = await DownloadFileAsync(ctx, model, which, target, ct);
            if (ctx.Json)
            {
                ctx.WriteJson(new JsonObject
                {
                    ["id"] = model.Id,
                    ["file"] = which,
                    ["path"] = Path.GetFullPath(target),
                    ["size_bytes"] = downloaded.Size,
                    ["sha256"] = downloaded.Sha256,
                });
                return;
            }
            ctx.Console.MarkupLineInterpolated($"Wrote {target} ({downloaded.Size} bytes, sha256 {downloaded.Sha256}).");
        });
        return command;
    }

    private static Task<ReferenceModel> GetAsync(CliContext ctx, string id, CancellationToken ct) =>
        SafeRetry.CallAsync(c => ctx.Server.References.GetReferenceModelAsync(new GetReferenceModelRequest { Id = id }, cancellationToken: c), ct);

    private static Task<DownloadedFile> DownloadFileAsync(CliContext ctx, ReferenceModel model, string which, string target, CancellationToken ct)
    {
        if (!model.Files.Contains(which))
        {
            var offered = model.Files.Count > 0 ? $"it offers: {string.Join(", ", model.Files)}" : "it offers no files yet";
            throw new CliException($"reference model {model.Id} ({Words.Of(model.Status)}) has no '{which}' file; {offered}.", ExitCodes.NotFound);
        }
        // The size arrives only with the stream, so no bar: the download still resumes and is hash-checked.
        return FileDownloader.DownloadAsync(ctx, $"{model.Name} ({which})", target, -1,
            (offset, c) => ctx.Server.References.DownloadReferenceModel(new DownloadReferenceModelRequest { Id = model.Id, File = which, Offset = offset }, cancellationToken: c),
            ct, showProgress: false);
    }

    /// <summary>A file name from the model's name, which comes from whoever trained it: only letters, digits, '-' and '_' survive.</summary>
    internal static string DefaultFileName(ReferenceModel model, string which)
    {
        static string Safe(string text)
        {
            var builder = new StringBuilder();
            foreach (var c in text.Take(80))
                builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
            return builder.ToString().Trim('_');
        }
        var stem = Safe(model.Name) is { Length: > 0 } name ? name : Safe(model.Id);
        if (stem.Length == 0)
            throw new CliException("the model has neither a usable name nor id for a file name; give one with -o.");
        return stem + FileExtensions[which];
    }
}
