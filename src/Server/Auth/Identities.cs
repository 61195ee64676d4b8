using Contest.Contracts.V1;
using Contest.Server.Infrastructure.Storage;
using LiteDB;

namespace Contest.Server.Auth;

/// <summary>
/// Teams and their API keys: who may call the server, with which roles. Keys are stored only as the
/// SHA-256 of the secret. Changes go inside <see cref="ContestDatabase.Write{T}"/>.
/// </summary>
internal sealed class Identities
{
    private readonly ILiteCollection<TeamRecord> _teams;
    private readonly ILiteCollection<ApiKeyRecord> _keys;

    public Identities(ContestDatabase db)
    {
        _teams = db.Collection<TeamRecord>("teams");
        _keys = db.Collection<ApiKeyRecord>("api_keys");
        _teams.EnsureIndex(t => t.NameKey, unique: true);
        _keys.EnsureIndex(k => k.Hash, unique: true);
        _keys.EnsureIndex(k => k.TeamId);
    }

    public TeamRecord? Team(string teamId) => _teams.FindById(teamId);

    /// <summary>A team by id, or by name in any case.</summary>
    public TeamRecord? TeamByIdOrName(string idOrName) =>
        _teams.FindById(idOrName) ?? _teams.FindOne(t => t.NameKey == idOrName.ToLowerInvariant());

    /// <summary>The team's name, or "" when it is gone.</summary>
    public string TeamName(string teamId) => Team(teamId)?.Name ?? "";

    public bool NameTaken(string name) => _teams.Exists(t => t.NameKey == name.ToLowerInvariant());

    public IReadOnlyList<TeamRecord> AllTeams() => [.. _teams.FindAll().OrderBy(t => t.CreatedAt)];

    /// <summary>Whether a team other than <paramref name="teamId"/> has the organizer role.</summary>
    public bool AnotherOrganizerThan(string teamId) =>
        _teams.Find(t => t.Id != teamId).Any(t => t.Roles.Contains(Role.Organizer));

    public void Insert(TeamRecord team) => _teams.Insert(team);

    public void Update(TeamRecord team) => _teams.Update(team);

    /// <summary>The built-in team of this name (organizers, local workers), created with the role when missing.</summary>
    public TeamRecord SystemTeam(string name, Role role, DateTime now)
    {
        var team = _teams.FindOne(t => t.NameKey == name);
        if (team is not null)
            return team;
        team = new TeamRecord { Id = Ids.New("team"), Name = name, NameKey = name, Roles = [role], CreatedAt = now, System = true };
        _teams.Insert(team);
        return team;
    }

    public ApiKeyRecord? Key(string keyId) => _keys.FindById(keyId);

    /// <summary>The key record a secret hashes to, revoked or not.</summary>
    public ApiKeyRecord? KeyByHash(string hash) => _keys.FindOne(k => k.Hash == hash);

    public IReadOnlyList<ApiKeyRecord> KeysOf(string teamId) => [.. _keys.Find(k => k.TeamId == teamId).OrderBy(k => k.CreatedAt)];

    /// <summary>Makes a new key for the team and stores its hash; the secret is returned once, never stored.</summary>
    public (string Secret, ApiKeyRecord Record) IssueKey(string teamId, string label, DateTime now)
    {
        var secret = ApiKeys.Generate();
        var record = new ApiKeyRecord
        {
            Id = Ids.New("key"),
            TeamId = teamId,
            Hash = ApiKeys.Hash(secret),
            Prefix = ApiKeys.DisplayPrefix(secret),
            Label = label,
            CreatedAt = now,
        };
        _keys.Insert(record);
        return (secret, record);
    }

    /// <summary>Revokes every live key of the team (at <paramref name="now"/>).</summary>
    public void RevokeAll(string teamId, DateTime now)
    {
        foreach (var key in _keys.Find(k => k.TeamId == teamId && k.RevokedAt == null).ToList())
            Revoke(key, now);
    }

    public void Revoke(ApiKeyRecord key, DateTime now)
    {
        key.RevokedAt = now;
        _keys.Update(key);
    }
}
