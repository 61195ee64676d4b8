using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Infrastructure;

namespace Contest.Server.Teams;

/// <summary>Teams and keys as the API shows them (never a key's secret or hash).</summary>
internal static class TeamMapping
{
    public static Team ToProto(this TeamRecord team)
    {
        var proto = new Team { Id = team.Id, Name = team.Name, CreatedAt = ProtoTime.From(team.CreatedAt) };
        proto.Roles.AddRange(team.Roles);
        return proto;
    }

    public static ApiKeyInfo ToProto(this ApiKeyRecord key) => new()
    {
        Id = key.Id,
        TeamId = key.TeamId,
        Prefix = key.Prefix,
        Label = key.Label,
        CreatedAt = ProtoTime.From(key.CreatedAt),
        RevokedAt = ProtoTime.From(key.RevokedAt),
        Revoked = key.RevokedAt is not null,
    };
}
