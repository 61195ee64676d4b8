using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Server.Infrastructure.Backups;
using Contest.Server.Infrastructure.Storage;
using Contest.Tests.Shared;

namespace Contest.FunctionalTests.Api;

public class DamagedDatabaseTests
{
    private const int PageSize = 8192;

    [Fact]
    public async Task Start_OnADatabaseWithGarbagePages_SaysSoKeepsTheDamagedFileAndRecoversTheRecords()
    {
        using var data = new TempDirectory("contest-damaged");
        var names = await CreateTeamsAndStopAsync(data.Path, 12);
        var database = Path.Combine(data.Path, ContestDatabase.FileName);
        // Every page but the header, the collections' list and the first data pages: the indexes break.
        Garble(database, firstPage: 2, pages: 2);

        await using var server = await TestServer.StartAsync(data.Path);

        await server.Log.WaitForAsync(l => l.Contains("is damaged", StringComparison.Ordinal)).WaitAsync(TimeSpan.FromSeconds(5));
        var rebuilt = await server.Log.WaitForAsync(l => l.Contains("rebuilt by LiteDB", StringComparison.Ordinal)).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Single(Directory.GetFiles(data.Path, "contest.db.damaged-*"), f => !f.EndsWith("-log", StringComparison.Ordinal));
        var teams = await server.Teams(server.OrganizerKey).ListTeamsAsync(new ListTeamsRequest());
        var recovered = names.Count(n => teams.Teams.Any(t => t.Name == n));
        Assert.True(recovered == names.Count, $"recovered {recovered} of {names.Count} teams; {rebuilt}");
    }

    [Fact]
    public async Task Start_OnADatabaseThatIsAllGarbage_RestoresTheNewestAutomaticBackup()
    {
        using var data = new TempDirectory("contest-damaged");
        var names = await CreateTeamsAndStopAsync(data.Path, 3);
        var database = Path.Combine(data.Path, ContestDatabase.FileName);
        Garble(database, firstPage: 0, pages: (int)(new FileInfo(database).Length / PageSize));

        await using var server = await TestServer.StartAsync(data.Path);

        await server.Log.WaitForAsync(l => l.Contains("restored from the backup", StringComparison.Ordinal));
        var teams = await server.Teams(server.OrganizerKey).ListTeamsAsync(new ListTeamsRequest());
        Assert.All(names, n => Assert.Contains(teams.Teams, t => t.Name == n));
        Assert.NotEmpty(Directory.GetFiles(data.Path, "contest.db.damaged-*"));
    }

    [Fact]
    public async Task Start_OnAGarbageDatabaseWithoutBackups_RefusesAndSaysWhatToDo()
    {
        using var data = new TempDirectory("contest-damaged");
        await CreateTeamsAndStopAsync(data.Path, 1);
        Directory.Delete(BackupFolder.PathOf(data.Path), recursive: true);
        var database = Path.Combine(data.Path, ContestDatabase.FileName);
        Garble(database, firstPage: 0, pages: (int)(new FileInfo(database).Length / PageSize));

        var refusal = await Assert.ThrowsAsync<DatabaseUnrecoverableException>(() => TestServer.StartAsync(data.Path));

        Assert.Contains("is damaged", refusal.Message);
        Assert.Contains("--restore", refusal.Message);
        Assert.Contains("contest.db.damaged-", refusal.Message);
    }

    [Fact]
    public async Task Start_WithTheDatabaseMissingButAContestThere_RestoresTheBackupInsteadOfStartingEmpty()
    {
        using var data = new TempDirectory("contest-damaged");
        var names = await CreateTeamsAndStopAsync(data.Path, 2);
        File.Delete(Path.Combine(data.Path, ContestDatabase.FileName));

        await using var server = await TestServer.StartAsync(data.Path);

        var teams = await server.Teams(server.OrganizerKey).ListTeamsAsync(new ListTeamsRequest());
        Assert.All(names, n => Assert.Contains(teams.Teams, t => t.Name == n));
    }

    private static async Task<List<string>> CreateTeamsAndStopAsync(string dataDirectory, int count)
    {
        var names = Enumerable.Range(0, count).Select(i => $"team-{i:D3}").ToList();
        await using var server = await TestServer.StartAsync(dataDirectory);
        foreach (var name in names)
            await server.CreateTeamAsync(name, Role.Defender);
        await server.StopAsync();
        return names;
    }

    private static void Garble(string path, int firstPage, int pages)
    {
        var random = new Random(11);
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        var garbage = new byte[PageSize];
        for (var page = firstPage; page < firstPage + pages && (long)page * PageSize < file.Length; page++)
        {
            random.NextBytes(garbage);
            file.Position = (long)page * PageSize;
            file.Write(garbage);
        }
    }
}
