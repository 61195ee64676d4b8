using Contest.Server.Storage;

namespace Contest.Server.Auth;

/// <summary>Turns a bearer key into a <see cref="Caller"/>, or null when the key is unknown or revoked.</summary>
internal sealed class ApiKeyAuthenticator(ContestDatabase db)
{
    public Caller? Authenticate(string key)
    {
        if (!ApiKeys.LooksLikeKey(key))
            return null;
        var hash = ApiKeys.Hash(key);
        var record = db.ApiKeys.FindOne(k => k.Hash == hash);
        if (record is null || record.RevokedAt is not null)
            return null;
        var team = db.Teams.FindById(record.TeamId);
        return team is null ? null : new Caller(team.Id, team.Name, team.Roles.ToHashSet(), record.Id);
    }
}
