using Contest.Contracts.V1;

namespace Contest.Server.Auth;

/// <summary>Role names as people type them: organizer, defender, attacker, reviewer, worker.</summary>
internal static class RoleNames
{
    public static string Name(Role role) => role switch
    {
        Role.Organizer => "organizer",
        Role.Defender => "defender",
        Role.Attacker => "attacker",
        Role.Reviewer => "reviewer",
        Role.Worker => "worker",
        _ => "unspecified",
    };

    /// <summary>"defender,attacker": for records and audit details.</summary>
    public static string List(IEnumerable<Role> roles) => string.Join(",", roles.Select(Name));

    /// <summary>"defender", "defender or organizer", ...</summary>
    public static string Describe(IEnumerable<Role> roles, string conjunction = "or") =>
        string.Join($" {conjunction} ", roles.Select(Name));
}
