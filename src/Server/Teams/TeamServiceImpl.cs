using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Server.Audit;
using Contest.Server.Auth;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Storage;
using Grpc.Core;

namespace Contest.Server.Teams;

/// <summary>Teams, roles and API keys (organizers), and WhoAmI (everyone).</summary>
internal sealed class TeamServiceImpl(ContestDatabase db, Identities identities, AuditLog audit, TimeProvider clock) : TeamService.TeamServiceBase
{
    [RequireRole(Role.Organizer)]
    public override Task<CreateTeamResponse> CreateTeam(CreateTeamRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var name = request.Name.Trim();
        if (TeamNameRule.Problem(name) is { } problem)
            throw RpcErrors.InvalidArgument(problem);
        var roles = ValidRoles(request.Roles);

        var (team, secret, key) = db.Write(() =>
        {
            if (identities.NameTaken(name))
                throw RpcErrors.AlreadyExists($"a team named '{name}' already exists.");
            var now = Now;
            var team = new TeamRecord
            {
                Id = Ids.New("team"),
                Name = name,
                NameKey = name.ToLowerInvariant(),
                Roles = roles,
                CreatedAt = now,
            };
            identities.Insert(team);
            var (secret, key) = identities.IssueKey(team.Id, "first key", now);
            audit.Append(caller, "team.create", $"team/{team.Id}", request.Reason,
                new() { ["name"] = name, ["roles"] = Words.Join(roles) });
            return (team, secret, key);
        });
        return Task.FromResult(new CreateTeamResponse { Team = team.ToProto(), KeyInfo = key.ToProto(), Key = secret });
    }

    [RequireRole(Role.Organizer)]
    public override Task<ListTeamsResponse> ListTeams(ListTeamsRequest request, ServerCallContext context)
    {
        var response = new ListTeamsResponse();
        response.Teams.AddRange(identities.AllTeams().Select(t => t.ToProto()));
        return Task.FromResult(response);
    }

    [RequireRole(Role.Organizer)]
    public override Task<Team> GetTeam(GetTeamRequest request, ServerCallContext context) =>
        Task.FromResult(FindTeam(request.TeamId).ToProto());

    [RequireRole(Role.Organizer)]
    public override Task<Team> UpdateTeamRoles(UpdateTeamRolesRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var roles = ValidRoles(request.Roles);
        var team = db.Write(() =>
        {
            var team = FindTeam(request.TeamId);
            if (team.Roles.Contains(Role.Organizer) && !roles.Contains(Role.Organizer) && !identities.AnotherOrganizerThan(team.Id))
                throw RpcErrors.FailedPrecondition($"team '{team.Name}' is the last organizer team; it keeps the organizer role.");
            var before = Words.Join(team.Roles);
            team.Roles = roles;
            identities.Update(team);
            audit.Append(caller, "team.roles", $"team/{team.Id}", request.Reason,
                new() { ["before"] = before, ["after"] = Words.Join(roles) });
            return team;
        });
        return Task.FromResult(team.ToProto());
    }

    [RequireRole(Role.Organizer)]
    public override Task<CreateKeyResponse> CreateKey(CreateKeyRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var (secret, record) = db.Write(() =>
        {
            var team = FindTeam(request.TeamId);
            var issued = identities.IssueKey(team.Id, request.Label, Now);
            audit.Append(caller, "key.create", $"team/{team.Id}", request.Reason, new() { ["key_id"] = issued.Record.Id });
            return issued;
        });
        return Task.FromResult(new CreateKeyResponse { KeyInfo = record.ToProto(), Key = secret });
    }

    [RequireRole(Role.Organizer)]
    public override Task<ListKeysResponse> ListKeys(ListKeysRequest request, ServerCallContext context)
    {
        var team = FindTeam(request.TeamId);
        var response = new ListKeysResponse();
        response.Keys.AddRange(identities.KeysOf(team.Id).Select(k => k.ToProto()));
        return Task.FromResult(response);
    }

    [RequireRole(Role.Organizer)]
    public override Task<ApiKeyInfo> RevokeKey(RevokeKeyRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var record = db.Write(() =>
        {
            var record = identities.Key(request.KeyId) ?? throw RpcErrors.NotFound("API key", request.KeyId);
            if (record.RevokedAt is not null)
                throw RpcErrors.FailedPrecondition($"key '{record.Id}' was already revoked at {record.RevokedAt:u}.");
            identities.Revoke(record, Now);
            audit.Append(caller, "key.revoke", $"team/{record.TeamId}", request.Reason, new() { ["key_id"] = record.Id });
            return record;
        });
        return Task.FromResult(record.ToProto());
    }

    [RequireRole]
    public override Task<WhoAmIResponse> WhoAmI(WhoAmIRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var team = FindTeam(caller.TeamId);
        return Task.FromResult(new WhoAmIResponse { Team = team.ToProto(), KeyInfo = identities.Key(caller.KeyId)?.ToProto() });
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private TeamRecord FindTeam(string teamId) =>
        identities.TeamByIdOrName(teamId) ?? throw RpcErrors.NotFound("team", teamId);

    private static List<Role> ValidRoles(IEnumerable<Role> requested)
    {
        var roles = requested.Distinct().ToList();
        if (TeamRoleRule.Problem(roles) is { } problem)
            throw RpcErrors.InvalidArgument(problem);
        return roles;
    }
}
