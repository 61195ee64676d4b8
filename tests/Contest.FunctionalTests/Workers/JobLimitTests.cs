using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Tests.Shared;

namespace Contest.FunctionalTests.Workers;

[Collection(WorkerCollection.Name)]
public class JobLimitTests
{
    [Fact]
    public async Task JobOverItsWallTime_IsStoppedAndFailsSayingSo()
    {
        await using var server = await TestServer.StartAsync(null, "--workers", "1", "--Contest:ValidationSeconds", "3");
        var key = await server.CreateTeamAsync("defenders", Role.Defender);
        // slow.pt spends several seconds in every forward call.
        var defense = await Uploads.UploadAsync(server.Defenses(key), TestPaths.BadDefense("slow.pt"), "slow");

        var judged = await Awaiting.ValidatedAsync(server, key, defense.Id, TimeSpan.FromMinutes(3));

        Assert.Equal(ValidationStatus.Failed, judged.Validation.Status);
        Assert.Contains("exceeded its time limit of 3 s", judged.Validation.Reason);
    }

    [Fact]
    public async Task JobOverItsMemoryLimit_IsStoppedAndFailsSayingSo()
    {
        // 64 MiB: less than any job process needs once libtorch is loaded.
        await using var server = await TestServer.StartAsync(null, "--workers", "1", "--Contest:JobMemoryBytes", "67108864");
        var key = await server.CreateTeamAsync("defenders", Role.Defender);
        var defense = await Uploads.UploadAsync(server.Defenses(key), TestPaths.GoodDefense("tiny_cnn_scripted.pt"), "tiny");

        var judged = await Awaiting.ValidatedAsync(server, key, defense.Id, TimeSpan.FromMinutes(3));

        Assert.Equal(ValidationStatus.Failed, judged.Validation.Status);
        Assert.Contains("used more than 64 MiB of memory (its limit)", judged.Validation.Reason);
    }
}
