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
using Google.Protobuf;
using Spectre.Console;

namespace Contest.Client.Commands;

/// <summary>`contest attacks ...` and `contest quota`: submit attack images and follow them.</summary>
internal static class AttacksCommands
{
    public static IEnumerable<Command> Create(CommandActions actions)
    {
        var attacks = new Command("attacks", "Attack images: submit one against defenses and get the verdicts at once.");
        attacks.Subcommands.Add(Submit(actions));
        attacks.Subcommands.Add(List(actions));
        attacks.Subcommands.Add(Show(actions));
        attacks.Subcommands.Add(Download(actions));
        yield return attacks;
        yield return Quota(actions);
    }

    private static Command Submit(CommandActions actions)
    {
        var image = new Argument<string>("IMAGE") { Description = $"A {ImageSpec.Side}x{ImageSpec.Side} RGB PNG (JPEG is accepted with a warning)." };
        var claim = new Option<string>("--claim") { Description = "The class the image shows: bird or bicycle.", Required = true };
        var targets = new Option<string[]>("--target") { Description = "A defense to attack (repeat for several).", Required = true, AllowMultipleArgumentsPerToken = false };
        var command = new Command("submit", "Submit an attack image; each target defense answers (or fails, which counts as a would-be confident mistake) in the same call. A refusal, including no target giving a verdict, exits 1 with the server's reason.") { image, claim, targets };
        actions.Set(command, async (ctx, ct) =>
        {
            var path = ctx.Value(image);
            if (!File.Exists(path))
                throw new CliException($"no such file: {path}");
            if (!Words.TryParse<Label>(ctx.Value(claim), out var label))
                throw new CliException($"--claim must be bird or bicycle, not '{ctx.Value(claim)}'.");
            var request = new SubmitAttackRequest
            {
                Image = ByteString.CopyFrom(await File.ReadAllBytesAsync(path, ct)),
                ClaimedLabel = label,
                FileName = Path.GetFileName(path),
            };
            request.TargetDefenseIds.AddRange(ctx.Value(targets));
            var attack = await ctx.Server.Attacks.SubmitAttackAsync(request, cancellationToken: ct);
            foreach (var warning in attack.Warnings)
                ctx.Warn(warning);
            if (ctx.Json)
            {
                ctx.WriteJson(ContestJsonViews.Attack(attack));
                return;
            }
            ctx.Console.MarkupLineInterpolated($"Attack {attack.Id} ({Words.Of(attack.ClaimedLabel)}), round {attack.RoundId}: {Words.Of(attack.Status)}. Quota left today: {attack.QuotaRemaining}.");
            WriteVerdicts(ctx.Console, attack);
        });
        return command;
    }

    private static Command List(CommandActions actions)
    {
        var round = new Option<string?>("--round") { Description = "Only this round." };
        var command = new Command("list", "Your team's attack submissions (organizers: all).") { round };
        actions.Set(command, async (ctx, ct) =>
        {
            var response = await SafeRetry.CallAsync(c => ctx.Server.Attacks.ListAttacksAsync(new ListAttacksRequest { RoundId = ctx.Value(round) ?? "" }, cancellationToken: c), ct);
            if (ctx.Json)
            {
                ctx.WriteJson(new JsonArray(response.Attacks.Select(a => (JsonNode)ContestJsonViews.Attack(a)).ToArray()));
                return;
            }
            var table = new Table().AddColumns("ID", "Claim", "Round", "Submitted", "Status", "Fooled", "Reviews");
            foreach (var a in response.Attacks)
            {
                table.AddRow(a.Id, Words.Of(a.ClaimedLabel), a.RoundId, JsonViews.Time(a.SubmittedAt) ?? "", Words.Of(a.Status),
                    string.Join(", ", a.Verdicts.Where(v => v.Candidate).Select(v => v.DefenseId)),
                    a.ReviewsNeeded > 0 ? $"{a.ReviewsDone}/{a.ReviewsNeeded}" : "");
            }
            ctx.Console.Write(table);
        });
        return command;
    }

    private static Command Show(CommandActions actions)
    {
        var id = new Argument<string>("ATTACK_ID") { Description = "Attack id." };
        var command = new Command("show", "Show one submission and its verdicts.") { id };
        actions.Set(command, async (ctx, ct) =>
        {
            var attack = await SafeRetry.CallAsync(c => ctx.Server.Attacks.GetAttackAsync(new GetAttackRequest { AttackId = ctx.Value(id) }, cancellationToken: c), ct);
            if (ctx.Json)
            {
                ctx.WriteJson(ContestJsonViews.Attack(attack));
                return;
            }
            ctx.Console.MarkupLineInterpolated($"Attack {attack.Id} by {attack.Team?.Name ?? "(hidden)"}, claims {Words.Of(attack.ClaimedLabel)}: {Words.Of(attack.Status)}{(attack.Overruled ? $" (overruled: {attack.OverruleReason})" : "")}");
            WriteVerdicts(ctx.Console, attack);
        });
        return command;
    }

    private static Command Download(CommandActions actions)
    {
        var id = new Argument<string>("ATTACK_ID") { Description = "Attack id." };
        var output = new Option<string>("--out") { Description = "Where to write the image.", Required = true };
        var command = new Command("download", "Download a submission's image (your own, or any once its round is published).") { id, output };
        actions.Set(command, async (ctx, ct) =>
        {
            var attackId = ctx.Value(id);
            var (size, sha) = await FileDownloader.DownloadAsync(ctx, attackId, ctx.Value(output), 0,
                (_, c) => ctx.Server.Attacks.DownloadAttackImage(new DownloadAttackImageRequest { AttackId = attackId }, cancellationToken: c), ct);
            if (ctx.Json)
                ctx.WriteJson(new JsonObject { ["id"] = attackId, ["path"] = Path.GetFullPath(ctx.Value(output)), ["size_bytes"] = size, ["sha256"] = sha });
            else
                ctx.Console.MarkupLineInterpolated($"Wrote {ctx.Value(output)} ({size} bytes).");
        });
        return command;
    }

    private static Command Quota(CommandActions actions)
    {
        var command = new Command("quota",
            "Your team's limits and what it has used: attack images and defense uploads today (UTC), evaluations queued or " +
            "running, bytes stored (defense models, attack images, job artifacts). Organizers are exempt.");
        actions.Set(command, async (ctx, ct) =>
        {
            var limits = await SafeRetry.CallAsync(c => ctx.Server.Limits.GetLimitsAsync(new GetLimitsRequest(), cancellationToken: c), ct);
            if (ctx.Json)
            {
                ctx.WriteJson(ContestJsonViews.Limits(limits));
                return;
            }
            var table = new Table().AddColumns("Limit", "Used", "Allowed", "Left", "Frees up");
            AddRow(table, "attack images today", limits.AttackImages, "");
            AddRow(table, "defense uploads today", limits.DefenseUploads, "");
            AddRow(table, "evaluations queued or running", limits.Evaluations,
                $" ({limits.EvaluationsQueued} queued, {limits.EvaluationsRunning} running)");
            AddRow(table, "bytes stored", limits.BytesStored,
                $" (models {limits.DefenseBytes}, images {limits.AttackImageBytes}, artifacts {limits.ArtifactBytes})");
            ctx.Console.Write(table);
            if (limits.Exempt)
                ctx.Console.MarkupLine("Your team organizes the contest: none of these limits applies to it.");
        });
        return command;
    }

    private static void AddRow(Table table, string name, Allowance allowance, string detail) =>
        table.AddRow(
            Markup.Escape(name),
            Markup.Escape($"{allowance.Used.ToString(CultureInfo.InvariantCulture)}{detail}"),
            allowance.Limit.ToString(CultureInfo.InvariantCulture),
            allowance.Remaining == 0 ? "[bold red]0[/]" : allowance.Remaining.ToString(CultureInfo.InvariantCulture),
            Markup.Escape(allowance.ResetsAt is null ? allowance.FreesUp : $"{allowance.FreesUp} ({JsonViews.Time(allowance.ResetsAt)})"));

    private static void WriteVerdicts(IAnsiConsole console, AttackSubmission attack)
    {
        var table = new Table().AddColumns("Defense", "Prediction", "Confidence", "Threshold", "Abstained", "Would-be confident mistake");
        foreach (var v in attack.Verdicts)
        {
            // A defense that failed on the image gave no prediction: it neither answered nor abstained.
            if (v.DefenseFailed)
            {
                table.AddRow(new Markup(Markup.Escape(v.DefenseId)), new Markup("[red]failed[/]"), new Markup("-"),
                    new Markup(Markup.Escape(v.Threshold.ToString("G5", CultureInfo.InvariantCulture))), new Markup("no"),
                    new Markup($"[bold red]yes[/] ({Markup.Escape(v.Failure)})"));
                continue;
            }
            table.AddRow(v.DefenseId, Words.Of(v.Prediction), v.Confidence.ToString("G5", CultureInfo.InvariantCulture),
                v.Threshold.ToString("G5", CultureInfo.InvariantCulture), v.Abstained ? "yes" : "no", v.Candidate ? "[bold red]yes[/]" : "no");
        }
        console.Write(table);
    }
}
