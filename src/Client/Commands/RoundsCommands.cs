using System.CommandLine;
using System.Text.Json.Nodes;
using Contest.Client.Cli;
using Contest.Client.Connection;
using Contest.Client.Output;
using Contest.Contracts;
using Contest.Contracts.V1;
using Spectre.Console;

namespace Contest.Client.Commands;

/// <summary>`contest rounds ...` and `contest appeals ...`: weekly rounds, their results, and disputes.</summary>
internal static class RoundsCommands
{
    public static IEnumerable<Command> Create(CommandActions actions)
    {
        var rounds = new Command("rounds", "Weekly rounds: the open one, closing, and published results.");
        rounds.Subcommands.Add(Show(actions));
        rounds.Subcommands.Add(List(actions));
        rounds.Subcommands.Add(Close(actions));
        rounds.Subcommands.Add(Results(actions));
        yield return rounds;

        var appeals = new Command("appeals", "Appeals: defenders dispute a break; organizers decide.");
        appeals.Subcommands.Add(File(actions));
        appeals.Subcommands.Add(ListAppeals(actions));
        appeals.Subcommands.Add(Resolve(actions));
        yield return appeals;
    }

    private static Command Show(CommandActions actions)
    {
        var id = new Argument<string?>("ROUND_ID") { Description = "A round (default: the open one).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("show", "Show a round (by default the open one: when it closes, what it holds; until it is published, participants see their own team's counts only).") { id };
        actions.Set(command, async (ctx, ct) =>
        {
            var round = ctx.Value(id) is { Length: > 0 } roundId
                ? await SafeRetry.CallAsync(c => ctx.Server.Rounds.GetRoundAsync(new GetRoundRequest { RoundId = roundId }, cancellationToken: c), ct)
                : await SafeRetry.CallAsync(c => ctx.Server.Rounds.GetCurrentRoundAsync(new GetCurrentRoundRequest(), cancellationToken: c), ct);
            if (ctx.Json)
            {
                ctx.WriteJson(ContestJsonViews.Round(round));
                return;
            }
            ctx.Console.MarkupLineInterpolated($"Round {round.Number} ({round.Id}): {Words.Of(round.Status)}; opened {JsonViews.Time(round.OpensAt)}, closes {JsonViews.Time(round.ClosesAt)}.");
            ctx.Console.MarkupLineInterpolated($"{round.Submissions} submission(s), {round.Candidates} candidate(s), {round.ReviewsPending} awaiting review{(round.OwnTeamOnly ? " (your team's; all teams' once the round is published)" : "")}.");
        });
        return command;
    }

    private static Command List(CommandActions actions)
    {
        var command = new Command("list", "List every round (a round not yet published shows participants their own team's counts only).");
        actions.Set(command, async (ctx, ct) =>
        {
            var response = await SafeRetry.CallAsync(c => ctx.Server.Rounds.ListRoundsAsync(new ListRoundsRequest(), cancellationToken: c), ct);
            if (ctx.Json)
            {
                ctx.WriteJson(new JsonArray(response.Rounds.Select(r => (JsonNode)ContestJsonViews.Round(r)).ToArray()));
                return;
            }
            var table = new Table().AddColumns("Round", "ID", "Status", "Closes", "Submissions", "Candidates", "Awaiting review");
            foreach (var r in response.Rounds)
                table.AddRow(r.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Id, Words.Of(r.Status), JsonViews.Time(r.ClosesAt) ?? "",
                    Counted(r, r.Submissions), Counted(r, r.Candidates), Counted(r, r.ReviewsPending));
            ctx.Console.Write(table);
            if (response.Rounds.Any(r => r.OwnTeamOnly))
                ctx.Console.MarkupLine("[grey]* counts of your team only until the round is published[/]");
        });
        return command;
    }

    private static Command Close(CommandActions actions)
    {
        var reason = TeamsCommands.ReasonOption();
        var command = new Command("close", "Close the open round now and open the next (organizers).") { reason };
        actions.Set(command, async (ctx, ct) =>
        {
            var round = await ctx.Server.Rounds.CloseRoundAsync(new CloseRoundRequest { Reason = ctx.Value(reason) ?? "" }, cancellationToken: ct);
            if (ctx.Json)
                ctx.WriteJson(ContestJsonViews.Round(round));
            else
                ctx.Console.MarkupLineInterpolated($"Closed round {round.Number}: {Words.Of(round.Status)}, {round.ReviewsPending} image(s) awaiting review.");
        });
        return command;
    }

    private static Command Results(CommandActions actions)
    {
        var id = new Argument<string>("ROUND_ID") { Description = "The round." };
        var command = new Command("results", "A published round: which defenses broke, by which images, with every reviewer answer.") { id };
        actions.Set(command, async (ctx, ct) =>
        {
            var results = await SafeRetry.CallAsync(c => ctx.Server.Rounds.GetRoundResultsAsync(new GetRoundResultsRequest { RoundId = ctx.Value(id) }, cancellationToken: c), ct);
            if (ctx.Json)
            {
                ctx.WriteJson(ContestJsonViews.Results(results));
                return;
            }
            ctx.Console.MarkupLineInterpolated($"Round {results.Round.Number}: {Words.Of(results.Round.Status)}.");
            var breaks = new Table().AddColumns("Defense", "Broken by attack", "Attacker", "First break", "How");
            foreach (var b in results.Breaks)
            {
                breaks.AddRow(Markup.Escape($"{b.DefenseName} ({b.DefenseId})"), b.AttackId, Markup.Escape(b.AttackerTeamName), b.FirstBreak ? "yes" : "no",
                    b.ByFailure ? "the defense failed on the image" : "confident mistake");
            }
            ctx.Console.Write(breaks);
            var attacks = new Table().AddColumns("Attack", "Team", "Claim", "Status", "Why", "Reviews");
            foreach (var p in results.Attacks)
            {
                attacks.AddRow(p.Attack.Id, Markup.Escape(p.Attack.Team?.Name ?? ""), Words.Of(p.Attack.ClaimedLabel), Words.Of(p.Attack.Status),
                    Markup.Escape(p.ValidityReason), Markup.Escape(string.Join("; ", p.Reviews.Select(r => $"{r.Reviewer}: bird {Words.Of(r.Bird)}, bicycle {Words.Of(r.Bicycle)}, box {r.Box.Width}x{r.Box.Height}"))));
            }
            ctx.Console.Write(attacks);
        });
        return command;
    }

    private static Command File(CommandActions actions)
    {
        var defense = new Argument<string>("DEFENSE_ID") { Description = "Your broken defense." };
        var attack = new Argument<string>("ATTACK_ID") { Description = "The attack that broke it." };
        var reason = new Option<string>("--reason") { Description = "Why the break is wrong.", Required = true };
        var command = new Command("file", "Dispute a published break of one of your defenses.") { defense, attack, reason };
        actions.Set(command, async (ctx, ct) =>
        {
            var appeal = await ctx.Server.Rounds.FileAppealAsync(new FileAppealRequest { DefenseId = ctx.Value(defense), AttackId = ctx.Value(attack), Reason = ctx.Value(reason) }, cancellationToken: ct);
            if (ctx.Json)
                ctx.WriteJson(ContestJsonViews.Appeal(appeal));
            else
                ctx.Console.MarkupLineInterpolated($"Filed appeal {appeal.Id}.");
        });
        return command;
    }

    private static Command ListAppeals(CommandActions actions)
    {
        var open = new Option<bool>("--open") { Description = "Only undecided appeals." };
        var command = new Command("list", "Your team's appeals (organizers: all).") { open };
        actions.Set(command, async (ctx, ct) =>
        {
            var response = await SafeRetry.CallAsync(c => ctx.Server.Rounds.ListAppealsAsync(new ListAppealsRequest { OpenOnly = ctx.Value(open) }, cancellationToken: c), ct);
            if (ctx.Json)
            {
                ctx.WriteJson(new JsonArray(response.Appeals.Select(a => (JsonNode)ContestJsonViews.Appeal(a)).ToArray()));
                return;
            }
            var table = new Table().AddColumns("Appeal", "Defense", "Attack", "Status", "Reason", "Resolution");
            foreach (var a in response.Appeals)
                table.AddRow(a.Id, a.DefenseId, a.AttackId, Words.Of(a.Status), Markup.Escape(a.Reason), Markup.Escape(a.Resolution));
            ctx.Console.Write(table);
        });
        return command;
    }

    private static Command Resolve(CommandActions actions)
    {
        var id = new Argument<string>("APPEAL_ID") { Description = "The appeal." };
        var uphold = new Option<bool>("--uphold") { Description = "The break is reversed; the image becomes invalid." };
        var reject = new Option<bool>("--reject") { Description = "The break stands." };
        var reason = new Option<string>("--reason") { Description = "The written decision.", Required = true };
        var command = new Command("resolve", "Decide an appeal (organizers).") { id, uphold, reject, reason };
        actions.Set(command, async (ctx, ct) =>
        {
            if (ctx.Value(uphold) == ctx.Value(reject))
                throw new CliException("give exactly one of --uphold and --reject.");
            var appeal = await ctx.Server.Rounds.ResolveAppealAsync(new ResolveAppealRequest { AppealId = ctx.Value(id), Uphold = ctx.Value(uphold), Reason = ctx.Value(reason) }, cancellationToken: ct);
            if (ctx.Json)
                ctx.WriteJson(ContestJsonViews.Appeal(appeal));
            else
                ctx.Console.MarkupLineInterpolated($"Appeal {appeal.Id}: {Words.Of(appeal.Status)}.");
        });
        return command;
    }

    // A round not yet published shows a participant only their own team's counts; marked with a star.
    private static string Counted(Round round, int count)
    {
        var text = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return round.OwnTeamOnly ? $"{text}*" : text;
    }
}
