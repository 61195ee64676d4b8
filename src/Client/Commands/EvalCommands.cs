using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Contest.Client.Cli;
using Contest.Client.Connection;
using Contest.Client.Output;
using Contest.Client.Transfers;
using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Core.Rules;
using Spectre.Console;

namespace Contest.Client.Commands;

/// <summary>`contest eval ...`: run an attack suite on a defense and read its report.</summary>
internal static class EvalCommands
{
    public static Command Create(CommandActions actions)
    {
        var eval = new Command("eval", "Evaluate a defense with an attack suite and read the report.");
        eval.Subcommands.Add(Run(actions));
        eval.Subcommands.Add(Report(actions));
        return eval;
    }

    private static Command Run(CommandActions actions)
    {
        var id = new Argument<string>("DEFENSE_ID") { Description = "The defense to evaluate." };
        var suite = new Option<string>("--suite") { Description = $"{AttackSuites.Clean}, or {AttackSuites.Warmup} (the original five attacks plus PGD).", DefaultValueFactory = _ => AttackSuites.Clean };
        var profile = new Option<string>("--profile") { Description = "standard (the original budgets) or quick (reduced, for CPU demos).", DefaultValueFactory = _ => "standard" };
        var limit = new Option<int>("--limit") { Description = "Only the first N test images (0 = all)." };
        var watch = new Option<bool>("--watch") { Description = "Follow the job live and print the report when it ends." };
        var command = new Command("run", "Queue an evaluation of a defense.") { id, suite, profile, limit, watch };
        actions.Set(command, async (ctx, ct) =>
        {
            if (!Words.TryParse<Contracts.V1.Profile>(ctx.Value(profile), out var parsedProfile))
                throw new CliException($"unknown profile '{ctx.Value(profile)}'; use standard or quick.");
            var job = await ctx.Server.Jobs.CreateEvaluationAsync(new CreateEvaluationRequest
            {
                DefenseId = ctx.Value(id),
                Suite = ctx.Value(suite),
                Profile = parsedProfile,
                Limit = ctx.Value(limit),
            }, cancellationToken: ct);
            if (!ctx.Value(watch))
            {
                if (ctx.Json)
                    ctx.WriteJson(JsonViews.Job(job));
                else
                    ctx.Console.MarkupLineInterpolated($"Queued evaluation {job.Id} ({job.Suite}, {Words.Of(job.Profile)} profile). Follow it with `contest jobs watch {job.Id}`.");
                return ExitCodes.Ok;
            }
            var finished = await JobWatcher.WatchAsync(ctx, job.Id, ct);
            if (finished.Status != JobStatus.Succeeded)
                return JobsCommands.Finish(ctx, finished);
            var report = await ctx.Server.Jobs.GetReportAsync(new GetReportRequest { JobId = job.Id }, cancellationToken: ct);
            if (ctx.Json)
                ctx.WriteJson(JsonViews.Report(report));
            else
                WriteTable(ctx.Console, report);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Report(CommandActions actions)
    {
        var id = new Argument<string>("JOB_ID") { Description = "The evaluation job." };
        var output = new Option<string?>("--out") { Description = "Also write report.json, summary.txt and every artifact (CSV, plots, images) here." };
        var command = new Command("report", "Show an evaluation's results: the original kit's table, per-image logits, artifacts.") { id, output };
        actions.Set(command, async (ctx, ct) =>
        {
            var jobId = ctx.Value(id);
            var report = await SafeRetry.CallAsync(c => ctx.Server.Jobs.GetReportAsync(new GetReportRequest { JobId = jobId }, cancellationToken: c), ct);
            if (ctx.Value(output) is { } directory)
                await WriteFilesAsync(ctx, report, directory, ct);
            if (ctx.Json)
                ctx.WriteJson(JsonViews.Report(report));
            else
                WriteTable(ctx.Console, report);
        });
        return command;
    }

    private static void WriteTable(IAnsiConsole console, EvaluationReport report)
    {
        console.MarkupLineInterpolated($"Evaluation {report.JobId} of {report.DefenseId}: suite {report.Suite}, [bold]{Words.Of(report.Profile)}[/] profile, {report.Split} split, on {report.Device}");
        var table = new Table().AddColumns("Attack name", "Acc @ 80% cov", "Acc @ 100% cov", "Images", "Forward img/s", "Time");
        foreach (var a in report.Attacks)
        {
            if (a.SkippedReason.Length > 0)
            {
                table.AddRow(Markup.Escape(a.Name), "[grey]skipped[/]", "", "", "", Markup.Escape(a.SkippedReason));
                continue;
            }
            table.AddRow(
                Markup.Escape(a.Name),
                Percent(a.AccuracyAt80),
                Percent(a.AccuracyAt100),
                a.Images.ToString(CultureInfo.InvariantCulture),
                a.ForwardImagesPerSecond.ToString("F0", CultureInfo.InvariantCulture),
                TimeSpan.FromSeconds(Math.Round(a.Seconds)).ToString("g", CultureInfo.InvariantCulture));
        }
        console.Write(table);
        if (report.Profile == Contracts.V1.Profile.Quick)
            console.MarkupLine("[yellow]quick profile: reduced attack budgets; not comparable with standard results.[/]");
    }

    private static async Task WriteFilesAsync(CliContext ctx, EvaluationReport report, string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.json"), JsonViews.Report(report).ToJsonString(new() { WriteIndented = true }), ct);
        var summary = new StringWriter();
        summary.WriteLine($"Evaluation {report.JobId} of {report.DefenseId}: suite {report.Suite}, {Words.Of(report.Profile)} profile, {report.Split} split, on {report.Device}");
        summary.WriteLine();
        summary.WriteLine("| Attack name | Acc @ 80% cov | Acc @ 100% cov |");
        summary.WriteLine("| --- | --- | --- |");
        foreach (var a in report.Attacks)
            summary.WriteLine(a.SkippedReason.Length > 0 ? $"| {a.Name} | skipped | {a.SkippedReason} |" : $"| {a.Name} | {Percent(a.AccuracyAt80)} | {Percent(a.AccuracyAt100)} |");
        await File.WriteAllTextAsync(Path.Combine(directory, "summary.txt"), summary.ToString(), ct);

        foreach (var artifact in report.Artifacts)
        {
            var target = Path.Combine(directory, artifact.Name.Replace('/', Path.DirectorySeparatorChar));
            await FileDownloader.DownloadAsync(ctx, artifact.Name, target, artifact.SizeBytes,
                (offset, c) => ctx.Server.Jobs.DownloadArtifact(new DownloadArtifactRequest { JobId = report.JobId, Name = artifact.Name, Offset = offset }, cancellationToken: c), ct);
            // Adversarial images travel as one zip per attack; unpack them beside it (correct/ and incorrect/).
            if (target.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                System.IO.Compression.ZipFile.ExtractToDirectory(target, Path.GetDirectoryName(target)!, overwriteFiles: true);
        }
        if (!ctx.Json)
            ctx.ErrorConsole.MarkupLineInterpolated($"Wrote report.json, summary.txt and {report.Artifacts.Count} artifact(s) to {directory}.");
    }

    private static string Percent(double value) => (value * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
