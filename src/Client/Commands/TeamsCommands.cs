using System.CommandLine;
using System.Text.Json.Nodes;
using Contest.Client.Cli;
using Contest.Client.Connection;
using Contest.Client.Output;
using Contest.Contracts;
using Contest.Contracts.V1;
using Spectre.Console;

namespace Contest.Client.Commands;

/// <summary>`contest teams ...` and `contest whoami`: teams, roles and keys.</summary>
internal static class TeamsCommands
{
    public static IEnumerable<Command> Create(CommandActions actions)
    {
        var teams = new Command("teams", "Teams, their roles and API keys (organizers).");
        teams.Subcommands.Add(CreateTeam(actions));
        teams.Subcommands.Add(List(actions));
        teams.Subcommands.Add(SetRoles(actions));
        teams.Subcommands.Add(Keys(actions));
        teams.Subcommands.Add(CreateKey(actions));
        teams.Subcommands.Add(RevokeKey(actions));
        yield return teams;
        yield return WhoAmI(actions);
    }

    private static Command CreateTeam(CommandActions actions)
    {
        var name = new Argument<string>("NAME") { Description = "The team's name." };
        var roles = RolesOption(required: true);
        var reason = ReasonOption();
        var command = new Command("create", "Create a team; prints its first API key (shown only once).") { name, roles, reason };
        actions.Set(command, async (ctx, ct) =>
        {
            var request = new CreateTeamRequest { Name = ctx.Value(name), Reason = ctx.Value(reason) ?? "" };
            request.Roles.AddRange(ParseRoles(ctx.Value(roles)));
            var response = await ctx.Server.Teams.CreateTeamAsync(request, cancellationToken: ct);
            if (ctx.Json)
            {
                var json = JsonViews.Team(response.Team);
                json["key"] = response.Key;
                json["key_id"] = response.KeyInfo.Id;
                ctx.WriteJson(json);
                return;
            }
            ctx.Console.MarkupLineInterpolated($"Created team [bold]{response.Team.Name}[/] ({response.Team.Id}) with roles {Words.Join(response.Team.Roles, ", ")}.");
            ctx.Console.MarkupLine("API key (shown only now; store it safely):");
            ctx.Output.WriteLine(response.Key);
        });
        return command;
    }

    private static Command List(CommandActions actions)
    {
        var command = new Command("list", "List every team.");
        actions.Set(command, async (ctx, ct) =>
        {
            var response = await SafeRetry.CallAsync(c => ctx.Server.Teams.ListTeamsAsync(new ListTeamsRequest(), cancellationToken: c), ct);
            if (ctx.Json)
            {
                ctx.WriteJson(new JsonArray(response.Teams.Select(t => (JsonNode)JsonViews.Team(t)).ToArray()));
                return;
            }
            var table = new Table().AddColumns("ID", "Name", "Roles", "Created");
            foreach (var t in response.Teams)
                table.AddRow(Markup.Escape(t.Id), Markup.Escape(t.Name), Words.Join(t.Roles, ", "), JsonViews.Time(t.CreatedAt) ?? "");
            ctx.Console.Write(table);
        });
        return command;
    }

    private static Command SetRoles(CommandActions actions)
    {
        var team = new Argument<string>("TEAM") { Description = "Team id or name." };
        var roles = RolesOption(required: true);
        var reason = ReasonOption();
        var command = new Command("set-roles", "Replace a team's roles.") { team, roles, reason };
        actions.Set(command, async (ctx, ct) =>
        {
            var request = new UpdateTeamRolesRequest { TeamId = ctx.Value(team), Reason = ctx.Value(reason) ?? "" };
            request.Roles.AddRange(ParseRoles(ctx.Value(roles)));
            var updated = await ctx.Server.Teams.UpdateTeamRolesAsync(request, cancellationToken: ct);
            if (ctx.Json)
                ctx.WriteJson(JsonViews.Team(updated));
            else
                ctx.Console.MarkupLineInterpolated($"Team [bold]{updated.Name}[/] now has roles {Words.Join(updated.Roles, ", ")}.");
        });
        return command;
    }

    private static Command Keys(CommandActions actions)
    {
        var team = new Argument<string>("TEAM") { Description = "Team id or name." };
        var command = new Command("keys", "List a team's API keys (never their secrets).") { team };
        actions.Set(command, async (ctx, ct) =>
        {
            var response = await SafeRetry.CallAsync(c => ctx.Server.Teams.ListKeysAsync(new ListKeysRequest { TeamId = ctx.Value(team) }, cancellationToken: c), ct);
            if (ctx.Json)
            {
                ctx.WriteJson(new JsonArray(response.Keys.Select(k => (JsonNode)JsonViews.Key(k)).ToArray()));
                return;
            }
            var table = new Table().AddColumns("Key id", "Prefix", "Label", "Created", "Revoked");
            foreach (var k in response.Keys)
                table.AddRow(k.Id, Markup.Escape(k.Prefix), Markup.Escape(k.Label), JsonViews.Time(k.CreatedAt) ?? "", JsonViews.Time(k.RevokedAt) ?? "");
            ctx.Console.Write(table);
        });
        return command;
    }

    private static Command CreateKey(CommandActions actions)
    {
        var team = new Argument<string>("TEAM") { Description = "Team id or name." };
        var label = new Option<string>("--label") { Description = "What the key is for." };
        var reason = ReasonOption();
        var command = new Command("create-key", "Create another API key for a team (printed once).") { team, label, reason };
        actions.Set(command, async (ctx, ct) =>
        {
            var response = await ctx.Server.Teams.CreateKeyAsync(
                new CreateKeyRequest { TeamId = ctx.Value(team), Label = ctx.Value(label) ?? "", Reason = ctx.Value(reason) ?? "" },
                cancellationToken: ct);
            if (ctx.Json)
            {
                var json = JsonViews.Key(response.KeyInfo);
                json["key"] = response.Key;
                ctx.WriteJson(json);
                return;
            }
            ctx.Console.MarkupLine("API key (shown only now; store it safely):");
            ctx.Output.WriteLine(response.Key);
        });
        return command;
    }

    private static Command RevokeKey(CommandActions actions)
    {
        var key = new Argument<string>("KEY_ID") { Description = "The key's id (see `teams keys`)." };
        var reason = ReasonOption();
        var command = new Command("revoke-key", "Revoke an API key; it stops working at once.") { key, reason };
        actions.Set(command, async (ctx, ct) =>
        {
            var revoked = await ctx.Server.Teams.RevokeKeyAsync(new RevokeKeyRequest { KeyId = ctx.Value(key), Reason = ctx.Value(reason) ?? "" }, cancellationToken: ct);
            if (ctx.Json)
                ctx.WriteJson(JsonViews.Key(revoked));
            else
                ctx.Console.MarkupLineInterpolated($"Revoked key {revoked.Id} ({revoked.Prefix}...).");
        });
        return command;
    }

    private static Command WhoAmI(CommandActions actions)
    {
        var command = new Command("whoami", "Show the team and key you are using.");
        actions.Set(command, async (ctx, ct) =>
        {
            var me = await SafeRetry.CallAsync(c => ctx.Server.Teams.WhoAmIAsync(new WhoAmIRequest(), cancellationToken: c), ct);
            if (ctx.Json)
            {
                var json = JsonViews.Team(me.Team);
                json["key_id"] = me.KeyInfo?.Id;
                ctx.WriteJson(json);
                return;
            }
            ctx.Console.MarkupLineInterpolated($"Team [bold]{me.Team.Name}[/] ({me.Team.Id}), roles {Words.Join(me.Team.Roles, ", ")}, key {me.KeyInfo?.Id}.");
        });
        return command;
    }

    private static Option<string> RolesOption(bool required) => new("--roles")
    {
        Description = "Comma-separated roles: organizer, defender, attacker, reviewer, worker.",
        Required = required,
    };

    internal static Option<string?> ReasonOption() => new("--reason") { Description = "Why (recorded in the audit log)." };

    internal static IEnumerable<Role> ParseRoles(string text)
    {
        var roles = new List<Role>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Words.TryParse<Role>(part, out var role))
                throw new CliException($"unknown role '{part}'; the roles are organizer, defender, attacker, reviewer and worker.");
            roles.Add(role);
        }
        if (roles.Count == 0)
            throw new CliException("give at least one role with --roles.");
        return roles;
    }
}
