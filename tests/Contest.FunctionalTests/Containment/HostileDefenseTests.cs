using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.FunctionalTests.Workers;
using Contest.Tests.Shared;
using Google.Protobuf;

namespace Contest.FunctionalTests.Containment;

/// <summary>
/// Hostile defenses, uploaded as a participant would, through the real server, its local worker and
/// the sandbox: secrets of the host reach no key, nothing on the host changes, a model's excess is
/// its own failure, and the worker goes on with the next job.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class HostileDefenseTests : IDisposable
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(4);
    private readonly TempDirectory _models = new("hostile-models");

    public void Dispose() => _models.Dispose();

    private string Folder(string name) => Directory.CreateDirectory(_models.Combine(name)).FullName;

    [Fact]
    public async Task DefensesThatReadOrWriteHostFiles_FailValidation_TheirContentReachesNoKey_AndTheHostIsUnchanged()
    {
        await using var server = await TestServer.StartAsync(null, "--workers", "1", "--min-throughput", "1");
        var owner = await server.CreateTeamAsync("owners", Role.Defender);
        var other = await server.CreateTeamAsync("others", Role.Defender, Role.Attacker);
        var planted = Path.Combine(server.DataDirectory, "planted-secret.txt");
        await File.WriteAllTextAsync(planted, $"planted-{Guid.NewGuid():N}");
        var written = Path.Combine(server.DataDirectory, $"written-{Guid.NewGuid():N}");
        var secrets = new[] { server.OrganizerKey, await File.ReadAllTextAsync(planted) };
        var uploads = new[]
        {
            await Uploads.UploadAsync(server.Defenses(owner), HostileModels.ReadsFileAndRaises(Folder("key"), Path.Combine(server.DataDirectory, "organizer.key")), "reads-key"),
            await Uploads.UploadAsync(server.Defenses(owner), HostileModels.ReadsFileAndRaises(Folder("planted"), planted), "reads-planted"),
            await Uploads.UploadAsync(server.Defenses(owner), HostileModels.WritesFile(Folder("writes"), written), "writes"),
        };

        foreach (var upload in uploads)
        {
            var judged = await Awaiting.ValidatedAsync(server, owner, upload.Id, JobTimeout);
            Assert.Equal(ValidationStatus.Failed, judged.Validation.Status);
            Assert.Contains("torch.from_file", judged.Validation.Reason);
        }

        Assert.False(File.Exists(written));
        var everything = await EverythingVisibleAsync(server, [owner, other, server.OrganizerKey]);
        foreach (var secret in secrets)
            Assert.DoesNotContain(secret.Trim(), everything);
        // The worker is still there for the next defense.
        var good = await Uploads.UploadAsync(server.Defenses(owner), TestPaths.GoodDefense("tiny_cnn_scripted.pt"), "good");
        Assert.Equal(ValidationStatus.Passed, (await Awaiting.ValidatedAsync(server, owner, good.Id, JobTimeout)).Validation.Status);
    }

    [Fact]
    public async Task DefenseThatAllocatesTooMuch_OrRaisesEscapes_FailsWithItsOwnReason_AndTheNextJobRunsNormally()
    {
        await using var server = await TestServer.StartAsync(null, "--workers", "1", "--min-throughput", "1",
            "--Contest:JobMemoryBytes", (1L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var owner = await server.CreateTeamAsync("owners", Role.Defender);
        var other = await server.CreateTeamAsync("others", Role.Defender);
        var allocates = await Uploads.UploadAsync(server.Defenses(owner), HostileModels.Allocates(Folder("allocates"), 3), "allocates-3gib");
        var huge = await Uploads.UploadAsync(server.Defenses(owner), HostileModels.Allocates(Folder("huge"), 30), "allocates-30gib");
        var raises = await Uploads.UploadAsync(server.Defenses(owner), HostileModels.Raises(Folder("raises"), "\u001b[2J\u001b[31mowned\r\nby the model\u0007"), "raises");
        var good = await Uploads.UploadAsync(server.Defenses(owner), TestPaths.GoodDefense("tiny_cnn_scripted.pt"), "good");

        var overMemory = (await Awaiting.ValidatedAsync(server, owner, allocates.Id, JobTimeout)).Validation;
        var overMemoryAtOnce = (await Awaiting.ValidatedAsync(server, owner, huge.Id, JobTimeout)).Validation;
        var raised = (await Awaiting.ValidatedAsync(server, owner, raises.Id, JobTimeout)).Validation;
        var seenByOther = (await server.Defenses(other).GetDefenseAsync(new GetDefenseRequest { DefenseId = raises.Id })).Validation;
        var next = (await Awaiting.ValidatedAsync(server, owner, good.Id, JobTimeout)).Validation;

        Assert.Equal(ValidationStatus.Failed, overMemory.Status);
        Assert.Contains("used more than 1.0 GiB of memory (its limit)", overMemory.Reason);
        // 30 GiB at once is refused by the allocator or killed by the kernel, depending on the machine.
        Assert.Equal(ValidationStatus.Failed, overMemoryAtOnce.Status);
        Assert.True(overMemoryAtOnce.Reason.Contains("of memory (its limit)", StringComparison.Ordinal)
                    || overMemoryAtOnce.ModelMessage.Contains("allocate", StringComparison.Ordinal), overMemoryAtOnce.ToString());
        Assert.Equal(ValidationStatus.Failed, raised.Status);
        Assert.Contains("forward raised an error", raised.Reason);
        Assert.DoesNotContain("owned", raised.Reason);
        Assert.Contains("owned by the model", raised.ModelMessage);
        Assert.DoesNotContain(raised.ModelMessage, c => char.IsControl(c));
        Assert.Equal("", seenByOther.ModelMessage);
        Assert.Equal(raised.Reason, seenByOther.Reason);
        Assert.Equal(ValidationStatus.Passed, next.Status);
        // The client shows the model's words to its team, and nothing of them to anyone else.
        var cli = new CliRunner(server);
        var asOwner = await cli.RunAsync(owner, "defenses", "show", raises.Id);
        var asOther = await cli.RunAsync(other, "defenses", "show", raises.Id);
        Assert.Contains("owned by the model", asOwner.Output);
        Assert.Contains("forward raised an error", asOther.Output);
        Assert.DoesNotContain("owned", asOther.Output);
    }

    // Every defense and job record each key can read, as one text to search.
    private static async Task<string> EverythingVisibleAsync(TestServer server, IEnumerable<string> keys)
    {
        var text = new System.Text.StringBuilder();
        foreach (var key in keys)
        {
            var defenses = await server.Defenses(key).ListDefensesAsync(new ListDefensesRequest());
            text.AppendLine(JsonFormatter.Default.Format(defenses));
            foreach (var defense in defenses.Defenses)
                text.AppendLine(JsonFormatter.Default.Format(await server.Defenses(key).GetDefenseAsync(new GetDefenseRequest { DefenseId = defense.Id })));
            var jobs = await server.Jobs(key).ListJobsAsync(new ListJobsRequest());
            text.AppendLine(JsonFormatter.Default.Format(jobs));
            foreach (var job in jobs.Jobs)
                text.AppendLine(JsonFormatter.Default.Format(await server.Jobs(key).GetJobAsync(new GetJobRequest { JobId = job.Id })));
        }
        return text.ToString();
    }
}
