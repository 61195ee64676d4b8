using Contest.Contracts.V1;
using Contest.Server.Storage.Records;

namespace Contest.Server.Mapping;

internal static class TeamMapping
{
    public static Team ToProto(this TeamRecord team)
    {
        var proto = new Team { Id = team.Id, Name = team.Name, CreatedAt = ProtoTime.From(team.CreatedAt) };
        proto.Roles.AddRange(team.Roles);
        return proto;
    }

    public static TeamRef ToRef(this TeamRecord? team, string teamId) =>
        new() { Id = teamId, Name = team?.Name ?? "" };

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
