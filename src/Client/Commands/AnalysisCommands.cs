using System.CommandLine;
using System.Text.Json.Nodes;
using Contest.Client.Cli;
using Contest.Client.Connection;
using Contest.Client.Output;
using Contest.Contracts;
using Contest.Contracts.V1;
using Spectre.Console;

namespace Contest.Client.Commands;

/// <summary>`contest analysis run|list|show|download`: analyses the server runs on its workers, such as the label-DP sweep.</summary>
internal static class AnalysisCommands
{
    public static Command Create(CommandActions actions)
    {
        var analysis = new Command("analysis", "Analyses run on the workers (the label-DP epsilon sweep): run, list, show, download their plots and CSVs.");
        analysis.Subcommands.Add(AnalysisRunCommand.Create(actions));
        analysis.Subcommands.Add(List(actions));
        analysis.Subcommands.Add(Show(actions));
        analysis.Subcommands.Add(AnalysisDownloadCommand.Create(actions));
        return analysis;
    }

    /// <summary>Reads one analysis (retried: a read) and prints it in full, as `analysis show` does.</summary>
    public static async Task PrintAsync(CliContext ctx, string id, CancellationToken ct)
    {
        var analysis = await GetAsync(ctx, id, ct);
        if (ctx.Json)
            ctx.WriteJson(AnalysisJsonViews.Analysis(analysis));
        else
            AnalysisTables.WriteDetails(ctx.Console, analysis);
    }

    public static Task<AnalysisResult> GetAsync(CliContext ctx, string id, CancellationToken ct) =>
        SafeRetry.CallAsync(c => ctx.Server.References.GetAnalysisAsync(new GetAnalysisRequest { JobId = id }, cancellationToken: c), ct);

    /// <summary>An analysis id argument: analyses are named by the job that runs them.</summary>
    public static Argument<string> IdArgument() => new("ID") { Description = "The analysis's id: the job id `analysis run` and `analysis list` print." };

    private static Command List(CommandActions actions)
    {
        var kind = new Option<string?>("--kind") { Description = $"Only analyses of this kind: {string.Join(", ", Words.All<AnalysisKind>())} (- or _ alike)." };
        var command = new Command("list", "List the analyses, newest first: id, kind, status, when created and finished, a short summary.") { kind };
        actions.Set(command, async (ctx, ct) =>
        {
            var request = new ListAnalysesRequest();
            if (ctx.Value(kind) is { } text)
            {
                if (!Words.TryParse<AnalysisKind>(text, out var parsed))
                    throw new CliException($"unknown analysis kind '{text}'; use one of: {string.Join(", ", Words.All<AnalysisKind>())}.");
                request.Kind = parsed;
            }
            var response = await SafeRetry.CallAsync(c => ctx.Server.References.ListAnalysesAsync(request, cancellationToken: c), ct);
            if (ctx.Json)
                ctx.WriteJson(new JsonArray(response.Analyses.Select(a => (JsonNode)AnalysisJsonViews.Analysis(a)).ToArray()));
            else if (response.Analyses.Count == 0)
                ctx.Console.MarkupLine("No analyses yet.");
            else
                AnalysisTables.WriteList(ctx.Console, response.Analyses);
        });
        return command;
    }

    private static Command Show(CommandActions actions)
    {
        var id = IdArgument();
        var command = new Command("show", "Show one analysis: status, the parameters it ran with, notes, summary, every result table, its artifacts (name and size).") { id };
        actions.Set(command, (ctx, ct) => PrintAsync(ctx, ctx.Value(id), ct));
        return command;
    }
}
