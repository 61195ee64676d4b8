using System.Reflection;
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
}
