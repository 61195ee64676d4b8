using Contest.Contracts.V1;

namespace Contest.Server.Auth;

/// <summary>Who is calling: the team behind the API key, its roles, and the key used.</summary>
internal sealed record Caller(string TeamId, string TeamName, IReadOnlySet<Role> Roles, string KeyId)
{
    public bool IsOrganizer => Roles.Contains(Role.Organizer);

    /// <summary>
    /// A worker key: its team has the worker role and is not an organizer team. Such a key may only
    /// run jobs (see <see cref="RequireRoleAttribute"/>), whatever other role an old team record holds.
    /// </summary>
    public bool IsWorker => !IsOrganizer && Roles.Contains(Role.Worker);

    /// <summary>Organizers may act in every role.</summary>
    public bool Has(Role role) => IsOrganizer || Roles.Contains(role);
}
