using Contest.Contracts.V1;

namespace Contest.Server.Teams;

/// <summary>
/// Which roles a team may hold: at least one known role, and the worker role alone. A worker key is
/// handed to an evaluation host that runs hostile models, so it must be good for nothing but working;
/// a team that also defended or attacked would lend those rights to every worker host.
/// </summary>
internal static class TeamRoleRule
{
    public static string? Problem(IReadOnlyCollection<Role> roles)
    {
        if (roles.Count == 0)
            return "give the team at least one role: organizer, defender, attacker, reviewer or worker.";
        if (roles.Any(r => r == Role.Unspecified || !Enum.IsDefined(r)))
            return "unknown role; the roles are organizer, defender, attacker, reviewer and worker.";
        if (roles.Contains(Role.Worker) && roles.Count > 1)
            return "the worker role stands alone: a worker key may only run evaluation jobs, so make a separate team for " +
                "evaluation workers (each host can have its own key: `contest teams create-key TEAM --label HOST`).";
        return null;
    }
}
