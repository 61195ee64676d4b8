using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Grpc.Core;

namespace Contest.FunctionalTests.Api;

public class TeamTests
{
    [Fact]
    public async Task CreateTeam_ReturnsAWorkingKeyWithTheTeamsRoles()
    {
        await using var server = await TestServer.StartAsync();

        var key = await server.CreateTeamAsync("Red Team", Role.Attacker, Role.Reviewer);
        var me = await server.Teams(key).WhoAmIAsync(new WhoAmIRequest());

        Assert.Equal("Red Team", me.Team.Name);
        Assert.Equal([Role.Attacker, Role.Reviewer], me.Team.Roles);
    }

    [Fact]
    public async Task CreateTeam_DuplicateNameInAnyCase_AlreadyExists()
    {
        await using var server = await TestServer.StartAsync();
        await server.CreateTeamAsync("Red Team", Role.Attacker);

        var error = await Assert.ThrowsAsync<RpcException>(() => server.CreateTeamAsync("red team", Role.Attacker));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
    }

    [Fact]
    public async Task CreateTeam_WithoutRoles_InvalidArgument()
    {
        await using var server = await TestServer.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => server.CreateTeamAsync("nobody"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task ListKeys_ShowsPrefixesButNeverSecrets()
    {
        await using var server = await TestServer.StartAsync();
        var teams = server.Teams(server.OrganizerKey);
        var created = await teams.CreateTeamAsync(new CreateTeamRequest { Name = "blue", Roles = { Role.Defender } });

        var keys = await teams.ListKeysAsync(new ListKeysRequest { TeamId = created.Team.Id });

        var key = Assert.Single(keys.Keys);
        Assert.StartsWith(key.Prefix, created.Key);
        Assert.True(key.Prefix.Length < created.Key.Length / 2);
    }

    [Fact]
    public async Task UpdateTeamRoles_RemovingTheLastOrganizer_IsRefused()
    {
        await using var server = await TestServer.StartAsync();
        var teams = server.Teams(server.OrganizerKey);
        var me = await teams.WhoAmIAsync(new WhoAmIRequest());

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await teams.UpdateTeamRolesAsync(new UpdateTeamRolesRequest { TeamId = me.Team.Id, Roles = { Role.Reviewer } }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }
}
