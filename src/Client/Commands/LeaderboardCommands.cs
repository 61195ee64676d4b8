using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Contest.Client.Cli;
using Contest.Client.Connection;
using Contest.Client.Output;
using Contest.Contracts;
using Contest.Contracts.V1;
using Spectre.Console;

namespace Contest.Client.Commands;

/// <summary>`contest leaderboard warmup|contest|attackers|matrix`.</summary>
internal static class LeaderboardCommands
{
    public static Command Create(CommandActions actions)
    {
        var board = new Command("leaderboard", "Standings: the warm-up table, staked defenses, attackers, and the attack x defense matrix.");
        board.Subcommands.Add(Warmup(actions));
        board.Subcommands.Add(ContestBoard(actions));
        board.Subcommands.Add(Attackers(actions));
        board.Subcommands.Add(Matrix(actions));
        return board;
    }

    private static Command Warmup(CommandActions actions)
    {
        var profile = new Option<string>("--profile") { Description = "standard (default) or quick; the two never mix.", DefaultValueFactory = _ => "standard" };
        var command = new Command("warmup", "Per defense, accuracy@80 under every warm-up attack (the original README's table), then the original challenge's published rows (not measured here).") { profile };
        actions.Set(command, async (ctx, ct) =>
        {
            if (!Words.TryParse<Contracts.V1.Profile>(ctx.Value(profile), out var parsed))
                throw new CliException("--profile must be standard or quick.");
            var board = await SafeRetry.CallAsync(c => ctx.Server.Leaderboards.GetWarmupLeaderboardAsync(new GetWarmupLeaderboardRequest { Profile = parsed }, cancellationToken: c), ct);
            if (ctx.Json)
                ctx.WriteJson(ReferenceJsonViews.Warmup(board));
            else
                WarmupBoardView.Write(ctx.Console, board);
        });
        return command;
    }

    private static Command ContestBoard(CommandActions actions)
    {
        var command = new Command("contest", "Staked defenses: status, days unbroken, breaks, open or closed.");
        actions.Set(command, async (ctx, ct) =>
        {
            var board = await SafeRetry.CallAsync(c => ctx.Server.Leaderboards.GetContestLeaderboardAsync(new GetContestLeaderboardRequest(), cancellationToken: c), ct);
            if (ctx.Json)
            {
                ctx.WriteJson(new JsonObject
                {
                    ["winning_days"] = board.WinningDays,
                    ["rows"] = new JsonArray(board.Rows.Select(r => (JsonNode)new JsonObject
                    {
                        ["defense_id"] = r.DefenseId,
                        ["defense_name"] = r.DefenseName,
                        ["team_name"] = r.TeamName,
                        ["open"] = r.Open,
                        ["baseline"] = r.Baseline,
                        ["breaks"] = r.Breaks,
                        ["stake"] = JsonViews.Stake(r.Stake),
                    }).ToArray()),
                });
                return;
            }
            var table = new Table().AddColumns("Defense", "Team", "Open", "Status", "Days unbroken", "Breaks", "Staked");
            foreach (var r in board.Rows)
            {
                var status = r.Stake.Status == StakeStatus.Broken ? "[red]broken[/]" : r.Stake.WinnerCandidate ? "[green]winner candidate[/]" : "unbroken";
                table.AddRow(Markup.Escape($"{r.DefenseName} ({r.DefenseId})"), Markup.Escape(r.TeamName), r.Open ? "open" : "closed", status,
                    r.Stake.DaysUnbroken.ToString(CultureInfo.InvariantCulture), r.Breaks.ToString(CultureInfo.InvariantCulture), JsonViews.Time(r.Stake.StakedAt) ?? "");
            }
            ctx.Console.MarkupLineInterpolated($"Staked defenses (a defense unbroken for {board.WinningDays} days is a winner candidate):");
            ctx.Console.Write(table);
        });
        return command;
    }

    private static Command Attackers(CommandActions actions)
    {
        var command = new Command("attackers", "Attacker teams: valid breaks, and first breaks of staked, unbroken defenses; counted from published rounds only, so it changes when a round is published.");
        actions.Set(command, async (ctx, ct) =>
        {
            var board = await SafeRetry.CallAsync(c => ctx.Server.Leaderboards.GetAttackerLeaderboardAsync(new GetAttackerLeaderboardRequest(), cancellationToken: c), ct);
            if (ctx.Json)
            {
                ctx.WriteJson(new JsonArray(board.Rows.Select(r => (JsonNode)new JsonObject
                {
                    ["team_id"] = r.TeamId,
                    ["team_name"] = r.TeamName,
                    ["valid_breaks"] = r.ValidBreaks,
                    ["first_breaks"] = r.FirstBreaks,
                    ["submissions"] = r.Submissions,
                    ["candidates"] = r.Candidates,
                }).ToArray()));
                return;
            }
            var table = new Table().AddColumns("Team", "First breaks", "Valid breaks", "Candidates", "Submissions");
            foreach (var r in board.Rows)
                table.AddRow(Markup.Escape(r.TeamName), $"{r.FirstBreaks}", $"{r.ValidBreaks}", $"{r.Candidates}", $"{r.Submissions}");
            ctx.Console.Write(table);
        });
        return command;
    }

    private static Command Matrix(CommandActions actions)
    {
        var command = new Command("matrix", "Every accepted adversarial image against every eligible defense (NIPS 2017 style).");
        actions.Set(command, async (ctx, ct) =>
        {
            var matrix = await SafeRetry.CallAsync(c => ctx.Server.Leaderboards.GetMatrixAsync(new GetMatrixRequest(), cancellationToken: c), ct);
            if (ctx.Json)
            {
                ctx.WriteJson(new JsonObject
                {
                    ["defense_ids"] = new JsonArray(matrix.DefenseIds.Select(d => (JsonNode)d).ToArray()),
                    ["defense_names"] = new JsonArray(matrix.DefenseNames.Select(d => (JsonNode)d).ToArray()),
                    ["defense_scores"] = new JsonArray(matrix.DefenseScores.Select(s => (JsonNode)s).ToArray()),
                    ["rows"] = new JsonArray(matrix.Rows.Select((r, i) => (JsonNode)new JsonObject
                    {
                        ["attack_id"] = r.AttackId,
                        ["attacker_team_name"] = r.AttackerTeamName,
                        ["outcomes"] = new JsonArray(r.Outcomes.Select(o => (JsonNode)Words.Of(o)).ToArray()),
                        ["attack_score"] = matrix.AttackScores[i],
                    }).ToArray()),
                });
                return;
            }
            var table = new Table().AddColumn("Attack image");
            foreach (var name in matrix.DefenseNames)
                table.AddColumn(new TableColumn(Markup.Escape(name)).Centered());
            table.AddColumn("Fooled");
            for (var i = 0; i < matrix.Rows.Count; i++)
            {
                var row = matrix.Rows[i];
                table.AddRow([Markup.Escape($"{row.AttackId} ({row.AttackerTeamName})"), .. row.Outcomes.Select(Cell), $"{matrix.AttackScores[i]}"]);
            }
            table.AddRow(["[bold]correct[/]", .. matrix.DefenseScores.Select(s => $"[bold]{s}[/]"), ""]);
            ctx.Console.Write(table);
        });
        return command;
    }

    private static string Cell(MatrixOutcome outcome) => outcome switch
    {
        MatrixOutcome.Correct => "[green]correct[/]",
        MatrixOutcome.Abstained => "[yellow]abstained[/]",
        MatrixOutcome.Wrong => "[red]fooled[/]",
        MatrixOutcome.DefenseFailed => "[red]failed[/]",
        _ => "[grey]pending[/]",
    };

    private static string Percent(double value) => (value * 100).ToString("F1", CultureInfo.InvariantCulture);
}
