using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Tests.Shared;

namespace Contest.FunctionalTests.Api;

public class RestartTests
{
    [Fact]
    public async Task Restart_OnTheSameDataDirectory_KeepsEveryRecordFileAndKey()
    {
        using var data = new TempDirectory("contest-restart");
        string organizerKey, defenderKey, defenseId;
        await using (var first = await TestServer.StartAsync(data.Path))
        {
            organizerKey = first.OrganizerKey;
            defenderKey = await first.CreateTeamAsync("defenders", Role.Defender);
            defenseId = (await Uploads.UploadAsync(first.Defenses(defenderKey), TestPaths.GoodDefense("tiny_cnn_scripted.pt"), "tiny")).Id;
            await first.StopAsync();
        }

        await using var second = await TestServer.StartAsync(data.Path);

        Assert.Equal(organizerKey, second.OrganizerKey);
        var defense = await second.Defenses(defenderKey).GetDefenseAsync(new GetDefenseRequest { DefenseId = defenseId });
        Assert.Equal("tiny", defense.Name);
        Assert.True(File.Exists(Path.Combine(data.Path, "blobs", "sha256", defense.Sha256[..2], defense.Sha256)));
        var teams = await second.Teams(organizerKey).ListTeamsAsync(new ListTeamsRequest());
        Assert.Contains(teams.Teams, t => t.Name == "defenders");
    }

    [Fact]
    public async Task FirstStart_WritesOrganizerKeyReadableByOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
            return;
        await using var server = await TestServer.StartAsync();

        var mode = File.GetUnixFileMode(Path.Combine(server.DataDirectory, "organizer.key"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }
}
