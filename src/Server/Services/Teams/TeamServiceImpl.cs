using Contest.Contracts.V1;
using Contest.Server.Audit;
using Contest.Server.Auth;
using Contest.Server.Errors;
using Contest.Server.Mapping;
using Contest.Server.Storage;
using Contest.Server.Storage.Records;
using Grpc.Core;

namespace Contest.Server.Services.Teams;

/// <summary>Teams, roles and API keys (organizers), and WhoAmI (everyone).</summary>
internal sealed class TeamServiceImpl(ContestDatabase db, AuditLog audit, TimeProvider clock) : TeamService.TeamServiceBase
{
    [RequireRole(Role.Organizer)]
    public override Task<CreateTeamResponse> CreateTeam(CreateTeamRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var name = request.Name.Trim();
        if (TeamNameRules.Problem(name) is { } problem)
            throw RpcErrors.InvalidArgument(problem);
        var roles = ValidRoles(request.Roles);

        var key = ApiKeys.Generate();
        var (team, keyRecord) = db.Write(() =>
        {
            if (db.Teams.Exists(t => t.NameKey == name.ToLowerInvariant()))
                throw RpcErrors.AlreadyExists($"a team named '{name}' already exists.");
            var now = clock.GetUtcNow().UtcDateTime;
            var team = new TeamRecord
            {
                Id = Ids.New("team"),
                Name = name,
                NameKey = name.ToLowerInvariant(),
                Roles = roles,
                CreatedAt = now,
            };
            db.Teams.Insert(team);
            var keyRecord = NewKey(team.Id, key, "first key", now);
            audit.Append(caller, "team.create", $"team/{team.Id}", request.Reason,
                new() { ["name"] = name, ["roles"] = RoleNames.List(roles) });
            return (team, keyRecord);
        });
        return Task.FromResult(new CreateTeamResponse { Team = team.ToProto(), KeyInfo = keyRecord.ToProto(), Key = key });
    }

    [RequireRole(Role.Organizer)]
    public override Task<ListTeamsResponse> ListTeams(ListTeamsRequest request, ServerCallContext context)
    {
        var response = new ListTeamsResponse();
        response.Teams.AddRange(db.Teams.FindAll().OrderBy(t => t.CreatedAt).Select(t => t.ToProto()));
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
            if (team.Roles.Contains(Role.Organizer) && !roles.Contains(Role.Organizer) &&
                db.Teams.Find(t => t.Id != team.Id).All(t => !t.Roles.Contains(Role.Organizer)))
                throw RpcErrors.FailedPrecondition($"team '{team.Name}' is the last organizer team; it keeps the organizer role.");
            var before = RoleNames.List(team.Roles);
            team.Roles = roles;
            db.Teams.Update(team);
            audit.Append(caller, "team.roles", $"team/{team.Id}", request.Reason,
                new() { ["before"] = before, ["after"] = RoleNames.List(roles) });
            return team;
        });
        return Task.FromResult(team.ToProto());
    }

    [RequireRole(Role.Organizer)]
    public override Task<CreateKeyResponse> CreateKey(CreateKeyRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var key = ApiKeys.Generate();
        var record = db.Write(() =>
        {
            var team = FindTeam(request.TeamId);
            var record = NewKey(team.Id, key, request.Label, clock.GetUtcNow().UtcDateTime);
            audit.Append(caller, "key.create", $"team/{team.Id}", request.Reason, new() { ["key_id"] = record.Id });
            return record;
        });
        return Task.FromResult(new CreateKeyResponse { KeyInfo = record.ToProto(), Key = key });
    }

    [RequireRole(Role.Organizer)]
    public override Task<ListKeysResponse> ListKeys(ListKeysRequest request, ServerCallContext context)
    {
        var team = FindTeam(request.TeamId);
        var response = new ListKeysResponse();
        response.Keys.AddRange(db.ApiKeys.Find(k => k.TeamId == team.Id).OrderBy(k => k.CreatedAt).Select(k => k.ToProto()));
        return Task.FromResult(response);
    }

    [RequireRole(Role.Organizer)]
    public override Task<ApiKeyInfo> RevokeKey(RevokeKeyRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var record = db.Write(() =>
        {
            var record = db.ApiKeys.FindById(request.KeyId) ?? throw RpcErrors.NotFound("API key", request.KeyId);
            if (record.RevokedAt is not null)
                throw RpcErrors.FailedPrecondition($"key '{record.Id}' was already revoked at {record.RevokedAt:u}.");
            record.RevokedAt = clock.GetUtcNow().UtcDateTime;
            db.ApiKeys.Update(record);
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
        var key = db.ApiKeys.FindById(caller.KeyId);
        return Task.FromResult(new WhoAmIResponse { Team = team.ToProto(), KeyInfo = key?.ToProto() });
    }

    private TeamRecord FindTeam(string teamId) =>
        db.Teams.FindById(teamId) ?? db.Teams.FindOne(t => t.NameKey == teamId.ToLowerInvariant())
        ?? throw RpcErrors.NotFound("team", teamId);

    private ApiKeyRecord NewKey(string teamId, string key, string label, DateTime now)
    {
        var record = new ApiKeyRecord
        {
            Id = Ids.New("key"),
            TeamId = teamId,
            Hash = ApiKeys.Hash(key),
            Prefix = ApiKeys.DisplayPrefix(key),
            Label = label,
            CreatedAt = now,
        };
        db.ApiKeys.Insert(record);
        return record;
    }

    private static List<Role> ValidRoles(IEnumerable<Role> requested)
    {
        var roles = requested.Distinct().ToList();
        if (roles.Count == 0)
            throw RpcErrors.InvalidArgument("give the team at least one role: organizer, defender, attacker, reviewer or worker.");
        if (roles.Any(r => r == Role.Unspecified || !Enum.IsDefined(r)))
            throw RpcErrors.InvalidArgument("unknown role; the roles are organizer, defender, attacker, reviewer and worker.");
        return roles;
    }
}
