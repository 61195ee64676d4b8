using System.CommandLine;
using System.Text.Json.Nodes;
using Contest.Client.Cli;
using Contest.Client.Connection;
using Contest.Client.Output;
using Contest.Contracts;
using Contest.Contracts.V1;
using Spectre.Console;

namespace Contest.Client.Commands;

/// <summary>`contest audit list` and `contest watch`.</summary>
internal static class AuditCommands
{
    public static IEnumerable<Command> Create(CommandActions actions)
    {
        var audit = new Command("audit", "The audit log of organizer actions.");
        audit.Subcommands.Add(List(actions));
        yield return audit;
        yield return Watch(actions);
    }

    private static Command List(CommandActions actions)
    {
        var action = new Option<string?>("--action") { Description = "Only this action, e.g. defense.stake, review.overrule, round.close." };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first.", DefaultValueFactory = _ => 100 };
        var command = new Command("list", "Who did what, when and why (organizers).") { action, limit };
        actions.Set(command, async (ctx, ct) =>
        {
            var response = await SafeRetry.CallAsync(c => ctx.Server.Audit.ListAuditEventsAsync(
                new ListAuditEventsRequest { Action = ctx.Value(action) ?? "", Limit = ctx.Value(limit) }, cancellationToken: c), ct);
            if (ctx.Json)
            {
                ctx.WriteJson(new JsonArray(response.Events.Select(e => (JsonNode)ContestJsonViews.AuditEvent(e)).ToArray()));
                return;
            }
            var table = new Table().AddColumns("When", "Who", "Action", "Target", "Why", "Details");
            foreach (var e in response.Events)
            {
                table.AddRow(JsonViews.Time(e.At) ?? "", Markup.Escape($"{e.ActorTeamName} ({e.ActorKeyId})"), Markup.Escape(e.Action), Markup.Escape(e.Target),
                    Markup.Escape(e.Reason), Markup.Escape(string.Join(", ", e.Details.Select(d => $"{d.Key}={d.Value}"))));
            }
            ctx.Console.Write(table);
        });
        return command;
    }

    private static Command Watch(CommandActions actions)
    {
        var command = new Command("watch", "Stay connected and print verdicts, reviews, round closes, breaks and finished jobs as they happen (Ctrl+C to stop).");
        actions.Set(command, async (ctx, ct) =>
        {
            using var call = ctx.Server.Notifications.Watch(new WatchRequest(), cancellationToken: ct);
            await call.ResponseHeadersAsync;
            if (!ctx.Json)
                ctx.ErrorConsole.MarkupLine("[grey]watching; Ctrl+C to stop[/]");
            try
            {
                while (await call.ResponseStream.MoveNext(ct))
                {
                    var n = call.ResponseStream.Current;
                    if (ctx.Json)
                        ctx.Output.WriteLine(ContestJsonViews.Notification(n).ToJsonString());
                    else
                        ctx.Console.MarkupLineInterpolated($"{JsonViews.Time(n.At)} [bold]{Words.Of(n.Kind)}[/] {n.Message}");
                    await ctx.Output.FlushAsync(ct);
                }
            }
            catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.Cancelled && ct.IsCancellationRequested)
            {
                // Ctrl+C.
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
