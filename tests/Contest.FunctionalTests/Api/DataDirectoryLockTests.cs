using Contest.Contracts.V1;
using Contest.FunctionalTests.Chaos;
using Contest.FunctionalTests.Infrastructure;
using Contest.Server.Infrastructure.Storage;
using Contest.Tests.Shared;

namespace Contest.FunctionalTests.Api;

public class DataDirectoryLockTests
{
    [Fact]
    public async Task SecondServer_OnTheSameDataDirectory_IsRefusedNamingTheFirstWhichKeepsWorking()
    {
        using var data = new TempDirectory("contest-lock");
        await using var first = await TestServer.StartAsync(data.Path);
        var before = await first.CreateTeamAsync("before", Role.Defender);

        var refusal = await Assert.ThrowsAsync<DataDirectoryInUseException>(() => TestServer.StartAsync(data.Path));

        Assert.Contains($"pid {Environment.ProcessId}", refusal.Message);
        Assert.Contains(first.Address, refusal.Message);
        Assert.Contains("stop it first", refusal.Message);
        await first.CreateTeamAsync("after", Role.Defender);
        var teams = await first.Teams(first.OrganizerKey).ListTeamsAsync(new ListTeamsRequest());
        Assert.Contains(teams.Teams, t => t.Name == "before");
        Assert.Contains(teams.Teams, t => t.Name == "after");
        Assert.NotEmpty(before);
    }

    [Fact]
    public async Task Restart_AfterTheFirstServerStopped_TakesTheLock()
    {
        using var data = new TempDirectory("contest-lock");
        await using (var first = await TestServer.StartAsync(data.Path))
            await first.StopAsync();

        await using var second = await TestServer.StartAsync(data.Path);

        var owner = await File.ReadAllTextAsync(Path.Combine(data.Path, DataDirectoryLock.OwnerFileName));
        Assert.Contains(second.Address, owner);
    }

    [Fact]
    public async Task SecondServerProcess_OnTheSameDataDirectory_ExitsWithOneSentenceNamingTheFirst()
    {
        using var data = new TempDirectory("contest-lock");
        using var first = await ServerProcess.StartAsync(data.Path, TimeSpan.FromSeconds(60));

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(data.Path, TimeSpan.FromSeconds(60)));

        Assert.Contains("exited (3)", refusal.Message);
        Assert.Contains($"Contest server cannot start: data directory {data.Path} is in use by the server with pid {first.Pid}", refusal.Message);
        Assert.Contains($"listening on {first.Address}", refusal.Message);
        Assert.DoesNotContain("   at ", refusal.Message);
    }
}
