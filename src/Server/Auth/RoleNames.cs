using Contest.Contracts;
using Contest.Contracts.V1;

namespace Contest.Server.Auth;

/// <summary>Roles in sentences: "defender or organizer".</summary>
internal static class RoleNames
{
    /// <summary>"defender", "defender or organizer", ...</summary>
    public static string Describe(IEnumerable<Role> roles, string conjunction = "or") =>
        Words.Join(roles, $" {conjunction} ");
}
