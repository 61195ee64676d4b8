using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace Contest.FunctionalTests.Api;

public class AuthenticationTests
{
    [Fact]
    public async Task Call_WithoutKey_IsUnauthenticatedWithHowToFix()
    {
        await using var server = await TestServer.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await server.Defenses(null).ListDefensesAsync(new ListDefensesRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("authorization: Bearer", error.Status.Detail);
    }

    [Fact]
    public async Task Call_WithUnknownKey_IsUnauthenticated()
    {
        await using var server = await TestServer.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await server.Defenses("ck_not-a-real-key").ListDefensesAsync(new ListDefensesRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task StreamingCall_WithoutKey_IsUnauthenticated()
    {
        await using var server = await TestServer.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Uploads.UploadBytesAsync(server.Defenses(null), [1, 2, 3], "x"));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Call_WithWrongRole_IsPermissionDeniedNamingTheRole()
    {
        await using var server = await TestServer.StartAsync();
        var attackerKey = await server.CreateTeamAsync("attackers", Role.Attacker);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await server.Teams(attackerKey).CreateTeamAsync(new CreateTeamRequest { Name = "x", Roles = { Role.Defender } }));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("organizer role", error.Status.Detail);
    }

    [Fact]
    public async Task StreamingUpload_WithWrongRole_IsPermissionDenied()
    {
        await using var server = await TestServer.StartAsync();
        var reviewerKey = await server.CreateTeamAsync("reviewers", Role.Reviewer);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Uploads.UploadBytesAsync(server.Defenses(reviewerKey), [1, 2, 3], "x"));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task RevokedKey_StopsWorkingAtOnce()
    {
        await using var server = await TestServer.StartAsync();
        var teams = server.Teams(server.OrganizerKey);
        var created = await teams.CreateTeamAsync(new CreateTeamRequest { Name = "blue", Roles = { Role.Defender } });
        await server.Teams(created.Key).WhoAmIAsync(new WhoAmIRequest());

        await teams.RevokeKeyAsync(new RevokeKeyRequest { KeyId = created.KeyInfo.Id, Reason = "leaked" });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await server.Teams(created.Key).WhoAmIAsync(new WhoAmIRequest()));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Health_WithoutKey_IsServing()
    {
        await using var server = await TestServer.StartAsync();

        var response = await new Health.HealthClient(server.Invoker(null)).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Reflection_WithoutKey_ListsTheContestServices()
    {
        await using var server = await TestServer.StartAsync();
        var client = new ServerReflection.ServerReflectionClient(server.Invoker(null));

        using var call = client.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("contest.v1.DefenseService", services);
        Assert.Contains("contest.v1.TeamService", services);
    }
}
