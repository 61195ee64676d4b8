using System.Reflection;
using Contest.Contracts.V1;
using Contest.Server.Auth;
using Grpc.Core;

namespace Contest.Server.Tests.Auth;

public class AccessRuleTests
{
    [Fact]
    public void EveryImplementedRpc_DeclaresWhoMayCallIt()
    {
        var services = typeof(RequireRoleAttribute).Assembly.GetTypes()
            .Where(t => t.BaseType?.GetCustomAttribute<BindServiceMethodAttribute>() is not null)
            .ToList();
        Assert.NotEmpty(services);

        var missing = services
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetBaseDefinition().DeclaringType != m.DeclaringType)
            .Where(m => m.GetCustomAttribute<RequireRoleAttribute>() is null)
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void WorkerRole_IsNamedByEveryWorkerServiceMethod_AndByNoOtherMethod()
    {
        var naming = ImplementedRpcs()
            .Where(m => m.GetCustomAttribute<RequireRoleAttribute>()?.Roles.Contains(Role.Worker) == true)
            .Select(m => m.DeclaringType!.Name)
            .ToList();
        var workerMethods = ImplementedRpcs().Count(m => m.DeclaringType!.Name == "WorkerServiceImpl");

        Assert.All(naming, type => Assert.Equal("WorkerServiceImpl", type));
        Assert.Equal(workerMethods, naming.Count);
    }

    [Fact]
    public void WorkerKey_PassesOnlyRulesThatNameTheWorkerRole()
    {
        var worker = Caller(Role.Worker);

        Assert.True(new RequireRoleAttribute(Role.Worker).Admits(worker));
        Assert.False(new RequireRoleAttribute().Admits(worker));
        Assert.False(new RequireRoleAttribute(Role.Defender).Admits(worker));
        // An old record that combined the roles still counts as a worker key.
        Assert.False(new RequireRoleAttribute(Role.Defender).Admits(Caller(Role.Worker, Role.Defender)));
    }

    [Fact]
    public void ParticipantsAndOrganizers_PassAsBefore()
    {
        Assert.True(new RequireRoleAttribute().Admits(Caller(Role.Reviewer)));
        Assert.False(new RequireRoleAttribute(Role.Defender).Admits(Caller(Role.Attacker)));
        Assert.False(new RequireRoleAttribute(Role.Worker).Admits(Caller(Role.Defender)));
        Assert.True(new RequireRoleAttribute(Role.Worker).Admits(Caller(Role.Organizer)));
        Assert.True(new RequireRoleAttribute().Admits(Caller(Role.Organizer, Role.Worker)));
    }

    private static Caller Caller(params Role[] roles) => new("team_1", "team", roles.ToHashSet(), "key_1");

    private static IEnumerable<MethodInfo> ImplementedRpcs() =>
        typeof(RequireRoleAttribute).Assembly.GetTypes()
            .Where(t => t.BaseType?.GetCustomAttribute<BindServiceMethodAttribute>() is not null)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetBaseDefinition().DeclaringType != m.DeclaringType);
}
