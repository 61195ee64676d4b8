using Contest.Contracts.V1;

namespace Contest.Server.Auth;

/// <summary>
/// Marks a service method with who may call it: a key of a team that has any of the given roles
/// (organizers always pass), or, with no roles, any valid key. A contest.v1 method without this
/// attribute is refused for everyone: access is denied unless stated.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class RequireRoleAttribute(params Role[] roles) : Attribute
{
    public IReadOnlyList<Role> Roles { get; } = roles;
}
