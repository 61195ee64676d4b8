using System.Formats.Tar;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Server.Hosting;
using Contest.Server.Infrastructure.Backups;
using Contest.Tests.Shared;
using Grpc.Core;

namespace Contest.FunctionalTests.Api;

public class BackupTests
{
    [Fact]
    public async Task AdminBackup_RestoredIntoAFreshDirectory_GivesTheSameTeamsDefensesBlobsAndOrganizerKey()
    {
        using var work = new TempDirectory("contest-backup");
        var archive = Path.Combine(work.Path, "contest-backup.tar");
        string organizerKey, defenderKey, defenseId, sha256;
        await using (var server = await TestServer.StartAsync())
        {
            organizerKey = server.OrganizerKey;
            defenderKey = await server.CreateTeamAsync("defenders", Role.Defender);
            await server.CreateTeamAsync("attackers", Role.Attacker);
            var defense = await Uploads.UploadAsync(server.Defenses(defenderKey), TestPaths.GoodDefense("tiny_cnn_scripted.pt"), "tiny");
            (defenseId, sha256) = (defense.Id, defense.Sha256);

            var result = await new CliRunner(server).RunAsync(organizerKey, "admin", "backup", "--out", archive);

            Assert.True(result.ExitCode == 0, result.Error + result.Output);
            Assert.Contains("Backup written", result.Output);
        }

        var restored = Path.Combine(work.Path, "restored");
        var manifest = BackupRestore.Run(archive, restored);
        Assert.Equal(BackupKinds.Full, manifest.Kind);
        Assert.True(manifest.BlobCount >= 1);

        await using var again = await TestServer.StartAsync(restored);
        Assert.Equal(organizerKey, again.OrganizerKey);
        var teams = await again.Teams(organizerKey).ListTeamsAsync(new ListTeamsRequest());
        Assert.Contains(teams.Teams, t => t.Name == "defenders");
        Assert.Contains(teams.Teams, t => t.Name == "attackers");
        var defenseAgain = await again.Defenses(defenderKey).GetDefenseAsync(new GetDefenseRequest { DefenseId = defenseId });
        Assert.Equal(sha256, defenseAgain.Sha256);
        Assert.True(File.Exists(Path.Combine(restored, "blobs", "sha256", sha256[..2], sha256)));
    }

    [Fact]
    public async Task AdminBackup_ByANonOrganizer_IsRefused()
    {
        await using var server = await TestServer.StartAsync();
        var attacker = await server.CreateTeamAsync("attackers", Role.Attacker);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = new AdminService.AdminServiceClient(server.Invoker(attacker)).Backup(new BackupRequest());
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task Restore_IntoANonEmptyDirectory_IsRefusedAndWritesNothing()
    {
        using var work = new TempDirectory("contest-backup");
        var archive = await BackupOfAFreshServerAsync(work.Path);
        var target = Path.Combine(work.Path, "busy");
        Directory.CreateDirectory(target);
        await File.WriteAllTextAsync(Path.Combine(target, "notes.txt"), "mine");

        var refusal = Assert.Throws<BackupInvalidException>(() => BackupRestore.Run(archive, target));

        Assert.Contains("not empty", refusal.Message);
        Assert.Single(Directory.EnumerateFileSystemEntries(target));
    }

    [Fact]
    public async Task Restore_OfATamperedArchive_IsRefusedAndLeavesNoFiles()
    {
        using var work = new TempDirectory("contest-backup");
        var archive = await BackupOfAFreshServerAsync(work.Path);
        var tampered = Path.Combine(work.Path, "tampered.tar");
        await using (var input = File.OpenRead(archive))
        await using (var reader = new TarReader(input))
        await using (var output = File.Create(tampered))
        await using (var writer = new TarWriter(output, TarEntryFormat.Pax))
        {
            while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
            {
                if (entry.Name == BackupPaths.OrganizerKey)
                    entry.DataStream = new MemoryStream("not-the-key\n"u8.ToArray());
                await writer.WriteEntryAsync(entry);
            }
        }
        var target = Path.Combine(work.Path, "restored");

        var refusal = Assert.Throws<BackupInvalidException>(() => BackupRestore.Run(tampered, target));

        Assert.Contains("does not match its manifest", refusal.Message);
        Assert.Empty(Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Restore_OfAnAutomaticRecordsOnlyCopy_IsRefusedAsNotAFullBackup()
    {
        using var data = new TempDirectory("contest-backup");
        await using (var server = await TestServer.StartAsync(data.Path))
            await server.StopAsync();
        var automatic = BackupFolder.Newest(data.Path)[0];

        var refusal = Assert.Throws<BackupInvalidException>(() => BackupRestore.Run(automatic, Path.Combine(data.Path, "restored")));

        Assert.Contains("not a full backup", refusal.Message);
        Assert.False(Directory.Exists(Path.Combine(data.Path, "restored")));
    }

    [Fact]
    public async Task RestoreCommand_WithRestoreAndDataDir_RestoresAndExitsZero()
    {
        using var work = new TempDirectory("contest-backup");
        var archive = await BackupOfAFreshServerAsync(work.Path);
        var target = Path.Combine(work.Path, "restored");

        Assert.True(RestoreCommand.Wanted(["--restore", archive, "--data-dir", target], out var file, out var directory));
        var exitCode = RestoreCommand.Run(file, directory);

        Assert.Equal(0, exitCode);
        Assert.True(File.Exists(Path.Combine(target, "contest.db")));
        Assert.True(File.Exists(Path.Combine(target, "organizer.key")));
    }

    private static async Task<string> BackupOfAFreshServerAsync(string folder)
    {
        var archive = Path.Combine(folder, "backup.tar");
        await using var server = await TestServer.StartAsync();
        await server.CreateTeamAsync("someone", Role.Defender);
        var result = await new CliRunner(server).RunAsync(server.OrganizerKey, "admin", "backup", "--out", archive);
        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        return archive;
    }
}
