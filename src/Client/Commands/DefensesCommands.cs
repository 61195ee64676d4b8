using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Contest.Client.Cli;
using Contest.Client.Connection;
using Contest.Client.Output;
using Contest.Client.Transfers;
using Contest.Contracts;
using Contest.Contracts.V1;
using Spectre.Console;

namespace Contest.Client.Commands;

/// <summary>`contest defenses ...`: upload, list, show, download, withdraw.</summary>
internal static class DefensesCommands
{
    public static Command Create(CommandActions actions)
    {
        var defenses = new Command("defenses", "Defenses: upload a model, see how it was judged, download open ones.");
        defenses.Subcommands.Add(Upload(actions));
        defenses.Subcommands.Add(List(actions));
        defenses.Subcommands.Add(Show(actions));
        defenses.Subcommands.Add(Download(actions));
        defenses.Subcommands.Add(Withdraw(actions));
        defenses.Subcommands.Add(Stake(actions));
        return defenses;
    }

    private static Command Upload(CommandActions actions)
    {
        var file = new Argument<string>("FILE") { Description = "A TorchScript (.pt) or ONNX (.onnx) model file." };
        var name = new Option<string>("--name") { Description = "The defense's name.", Required = true };
        var open = new Option<bool>("--open") { Description = "Weights public: attackers may download it; eligible for prizes." };
        var closed = new Option<bool>("--closed") { Description = "Weights private (the default): can be staked and attacked, cannot win." };
        var description = new Option<string?>("--description") { Description = "What the defense does." };
        var threshold = new Option<float?>("--threshold") { Description = "Abstain below this confidence, if higher than the calibrated threshold; it must still answer at least 80% of the clean eligibility images (or the defense is ineligible)." };
        var command = new Command("upload", "Upload a defense; the server validates it, then judges eligibility.")
        {
            file, name, open, closed, description, threshold,
        };
        actions.Set(command, async (ctx, ct) =>
        {
            if (ctx.Value(open) && ctx.Value(closed))
                throw new CliException("choose one of --open and --closed.");
            var metadata = new DefenseUploadMetadata
            {
                Name = ctx.Value(name),
                Description = ctx.Value(description) ?? "",
                Open = ctx.Value(open),
            };
            if (ctx.Value(threshold) is { } t)
                metadata.DeclaredThreshold = t;
            var defense = await DefenseUploader.UploadAsync(ctx, ctx.Value(file), metadata, ct);
            if (ctx.Json)
            {
                ctx.WriteJson(JsonViews.Defense(defense));
                return;
            }
            ctx.Console.MarkupLineInterpolated($"Uploaded [bold]{defense.Name}[/] as {defense.Id} ({Words.Of(defense.Format)}, {defense.SizeBytes} bytes, sha256 {defense.Sha256}).");
            ctx.Console.MarkupLine($"Validation: {Words.Of(defense.Validation.Status)}. Follow it with `contest defenses show {defense.Id}`.");
        });
        return command;
    }

    private static Command List(CommandActions actions)
    {
        var all = new Option<bool>("--all") { Description = "Include withdrawn defenses." };
        var team = new Option<string?>("--team") { Description = "Only this team's defenses (team id)." };
        var command = new Command("list", "List defenses.") { all, team };
        actions.Set(command, async (ctx, ct) =>
        {
            var request = new ListDefensesRequest { IncludeWithdrawn = ctx.Value(all), TeamId = ctx.Value(team) ?? "" };
            var response = await SafeRetry.CallAsync(c => ctx.Server.Defenses.ListDefensesAsync(request, cancellationToken: c), ct);
            if (ctx.Json)
            {
                ctx.WriteJson(new JsonArray(response.Defenses.Select(d => (JsonNode)JsonViews.Defense(d)).ToArray()));
                return;
            }
            var table = new Table().AddColumns("ID", "Name", "Team", "Format", "Open", "Validation", "Eligibility", "Stake");
            foreach (var d in response.Defenses)
            {
                table.AddRow(
                    Markup.Escape(d.Id),
                    Markup.Escape(d.Name) + (d.Baseline ? " [grey](baseline)[/]" : "") + (d.Withdrawn ? " [grey](withdrawn)[/]" : ""),
                    Markup.Escape(d.Team?.Name ?? ""),
                    Words.Of(d.Format),
                    d.Open ? "open" : "closed",
                    Words.Of(d.Validation.Status),
                    Words.Of(d.Eligibility.Status),
                    Words.Of(d.Stake.Status));
            }
            ctx.Console.Write(table);
        });
        return command;
    }

    private static Command Show(CommandActions actions)
    {
        var id = new Argument<string>("ID") { Description = "Defense id." };
        var command = new Command("show", "Show one defense: file, validation, eligibility, stake.") { id };
        actions.Set(command, async (ctx, ct) =>
        {
            var d = await SafeRetry.CallAsync(c => ctx.Server.Defenses.GetDefenseAsync(new GetDefenseRequest { DefenseId = ctx.Value(id) }, cancellationToken: c), ct);
            if (ctx.Json)
            {
                ctx.WriteJson(JsonViews.Defense(d));
                return;
            }
            DefenseDetails.Write(ctx.Console, d);
        });
        return command;
    }

    private static Command Download(CommandActions actions)
    {
        var id = new Argument<string>("ID") { Description = "Defense id." };
        var output = new Option<string>("--out") { Description = "Where to write the model file.", Required = true };
        var command = new Command("download", "Download an open defense's model file (or your own team's).") { id, output };
        actions.Set(command, async (ctx, ct) =>
        {
            var defenseId = ctx.Value(id);
            var defense = await SafeRetry.CallAsync(c => ctx.Server.Defenses.GetDefenseAsync(new GetDefenseRequest { DefenseId = defenseId }, cancellationToken: c), ct);
            var (size, sha) = await FileDownloader.DownloadAsync(ctx, $"Downloading {defense.Name}", ctx.Value(output), defense.SizeBytes,
                (offset, c) => ctx.Server.Defenses.DownloadDefense(new DownloadDefenseRequest { DefenseId = defenseId, Offset = offset }, cancellationToken: c), ct);
            if (ctx.Json)
                ctx.WriteJson(new JsonObject { ["id"] = defenseId, ["path"] = Path.GetFullPath(ctx.Value(output)), ["size_bytes"] = size, ["sha256"] = sha });
            else
                ctx.Console.MarkupLineInterpolated($"Wrote {ctx.Value(output)} ({size} bytes, sha256 {sha}).");
        });
        return command;
    }

    private static Command Stake(CommandActions actions)
    {
        var id = new Argument<string>("ID") { Description = "Defense id." };
        var force = new Option<bool>("--force") { Description = "Stake a defense that is not eligible (needs --reason; recorded in the audit log)." };
        var reason = TeamsCommands.ReasonOption();
        var command = new Command("stake", "Stake a defense in the contest (organizers); the clock of unbroken days starts.") { id, force, reason };
        actions.Set(command, async (ctx, ct) =>
        {
            var d = await ctx.Server.Defenses.StakeDefenseAsync(new StakeDefenseRequest { DefenseId = ctx.Value(id), Force = ctx.Value(force), Reason = ctx.Value(reason) ?? "" }, cancellationToken: ct);
            if (ctx.Json)
                ctx.WriteJson(JsonViews.Defense(d));
            else
                ctx.Console.MarkupLineInterpolated($"Staked {d.Name} ({d.Id}){(d.Stake.Forced ? " (forced)" : "")}.");
        });
        return command;
    }

    private static Command Withdraw(CommandActions actions)
    {
        var id = new Argument<string>("ID") { Description = "Defense id." };
        var reason = TeamsCommands.ReasonOption();
        var command = new Command("withdraw", "Withdraw a defense from the contest for good.") { id, reason };
        actions.Set(command, async (ctx, ct) =>
        {
            var d = await ctx.Server.Defenses.WithdrawDefenseAsync(new WithdrawDefenseRequest { DefenseId = ctx.Value(id), Reason = ctx.Value(reason) ?? "" }, cancellationToken: ct);
            if (ctx.Json)
                ctx.WriteJson(JsonViews.Defense(d));
            else
                ctx.Console.MarkupLineInterpolated($"Withdrew {d.Name} ({d.Id}).");
        });
        return command;
    }
}

/// <summary>The human-readable view of one defense.</summary>
internal static class DefenseDetails
{
    public static void Write(IAnsiConsole console, Defense d)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string key, string value) => grid.AddRow($"[grey]{key}[/]", Markup.Escape(value));
        Row("id", d.Id);
        Row("name", d.Name + (d.Baseline ? " (baseline)" : ""));
        Row("team", $"{d.Team?.Name} ({d.Team?.Id})");
        Row("format", Words.Of(d.Format));
        Row("open", d.Open ? "open (weights public)" : "closed");
        Row("file", $"{d.SizeBytes} bytes, sha256 {d.Sha256}");
        Row("uploaded", JsonViews.Time(d.CreatedAt) ?? "");
        if (d.Description.Length > 0)
            Row("description", d.Description);
        if (d.Withdrawn)
            Row("withdrawn", JsonViews.Time(d.WithdrawnAt) ?? "");

        var v = d.Validation;
        Row("validation", Words.Of(v.Status) + (v.Reason.Length > 0 ? $": {v.Reason}" : ""));
        // What the model itself raised or printed: only its team and organizers receive it.
        if (v.ModelMessage.Length > 0)
            Row("model said", v.ModelMessage);
        if (v.ImagesPerSecond > 0)
            Row("throughput", $"{v.ImagesPerSecond.ToString("F1", CultureInfo.InvariantCulture)} images/s on {v.Device}{(v.BestBatchSize > 0 ? $" at batch {v.BestBatchSize}" : "")}");
        foreach (var check in v.Checks)
            Row($"  {(check.Passed ? "ok  " : "FAIL")}", $"{check.Name}{(check.Detail.Length > 0 ? ": " + check.Detail : "")}");

        var e = d.Eligibility;
        Row("eligibility", Words.Of(e.Status) + (e.Reason.Length > 0 ? $": {e.Reason}" : ""));
        if (e.ModelMessage.Length > 0)
            Row("model said", e.ModelMessage);
        if (e.Status is EligibilityStatus.Eligible or EligibilityStatus.Ineligible)
        {
            Row("threshold", e.Threshold.ToString("G6", CultureInfo.InvariantCulture));
            Row("accuracy@80", e.AccuracyAt80.ToString("P1", CultureInfo.InvariantCulture));
            Row("accuracy@100", e.AccuracyAt100.ToString("P1", CultureInfo.InvariantCulture));
            if (e.PriorAttacksChecked > 0)
                Row("earlier attacks", $"{e.PriorAttacksChecked - e.PriorAttacksFailed} of {e.PriorAttacksChecked} classified correctly");
        }
        var s = d.Stake;
        Row("stake", s.Status switch
        {
            StakeStatus.Unbroken => $"staked {JsonViews.Time(s.StakedAt)}, unbroken for {s.DaysUnbroken} days{(s.WinnerCandidate ? " (winner candidate)" : "")}{(s.Forced ? $", forced: {s.Reason}" : "")}",
            StakeStatus.Broken => $"broken {JsonViews.Time(s.BrokenAt)} by attack {s.BrokenByAttackId}, after {s.DaysUnbroken} days",
            _ => "not staked",
        });
        console.Write(grid);
    }
}
