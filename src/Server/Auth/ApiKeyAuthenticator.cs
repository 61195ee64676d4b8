namespace Contest.Server.Auth;

/// <summary>Turns a bearer key into a <see cref="Caller"/>, or null when the key is unknown or revoked.</summary>
internal sealed class ApiKeyAuthenticator(Identities identities)
{
    public Caller? Authenticate(string key)
    {
        if (!ApiKeys.LooksLikeKey(key))
            return null;
        var record = identities.KeyByHash(ApiKeys.Hash(key));
        if (record is null || record.RevokedAt is not null)
            return null;
        var team = identities.Team(record.TeamId);
        return team is null ? null : new Caller(team.Id, team.Name, team.Roles.ToHashSet(), record.Id);
    }
}
