using Contest.Contracts.V1;

namespace Contest.Server.Auth;

/// <summary>
/// Marks a service method with who may call it. With roles, a key of a team that has any of them
/// (organizers always pass). With no roles, any participant: every valid key except a worker key.
/// A worker key (a team with the worker role, not organizer) passes only methods that name
/// <see cref="Role.Worker"/>, so a key handed to an evaluation host is good for nothing but working.
/// A contest.v1 method without this attribute is refused for everyone: access is denied unless stated.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class RequireRoleAttribute(params Role[] roles) : Attribute
{
    public IReadOnlyList<Role> Roles { get; } = roles;

    /// <summary>Whether the method is open to any participant (no role named).</summary>
    public bool AnyParticipant => Roles.Count == 0;

    /// <summary>Whether the caller passes this rule.</summary>
    public bool Admits(Caller caller) =>
        caller.IsWorker ? Roles.Contains(Role.Worker) : AnyParticipant || Roles.Any(caller.Has);
}
