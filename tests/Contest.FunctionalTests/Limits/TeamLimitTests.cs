using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Tests.Shared;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace Contest.FunctionalTests.Limits;

/// <summary>Per-team limits through the real server: refusals with the numbers, organizers exempt, and `contest quota`.</summary>
public class TeamLimitTests
{
    private static readonly DateTimeOffset LateWednesday = new(2026, 11, 25, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task UploadDefense_PastTheDailyUploads_IsRefusedUntilTheNextUtcDay()
    {
        var clock = new FakeTimeProvider(LateWednesday);
        await using var server = await TestServer.StartWithClockAsync(clock, "--daily-defense-uploads", "1");
        var key = await server.CreateTeamAsync("defenders", Role.Defender);
        await Uploads.UploadAsync(server.Defenses(key), TestPaths.GoodDefense("tiny_cnn.onnx"), "first");

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            Uploads.UploadAsync(server.Defenses(key), TestPaths.GoodDefense("tiny_cnn_scripted.pt"), "second"));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("uploaded 1 defenses today, the most it may per UTC day (1); uploads free up at 2026-11-26 00:00 UTC", refused.Status.Detail);
        // The organizers are not held to it.
        await Uploads.UploadAsync(server.Defenses(server.OrganizerKey), TestPaths.GoodDefense("tiny_cnn.onnx"), "organizers-1");
        await Uploads.UploadAsync(server.Defenses(server.OrganizerKey), TestPaths.GoodDefense("tiny_cnn_scripted.pt"), "organizers-2");

        clock.Advance(TimeSpan.FromHours(1));
        var next = await Uploads.UploadAsync(server.Defenses(key), TestPaths.GoodDefense("tiny_cnn_scripted.pt"), "second");
        Assert.Equal("second", next.Name);
    }

    [Fact]
    public async Task UploadDefense_PastTheBytesStored_IsRefusedWithTheNumbers()
    {
        var model = new FileInfo(TestPaths.GoodDefense("tiny_cnn.onnx")).Length;
        await using var server = await TestServer.StartAsync(null, "--max-team-bytes", (model + 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var key = await server.CreateTeamAsync("defenders", Role.Defender);
        await Uploads.UploadAsync(server.Defenses(key), TestPaths.GoodDefense("tiny_cnn.onnx"), "first");

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            Uploads.UploadAsync(server.Defenses(key), TestPaths.GoodDefense("tiny_cnn_scripted.pt"), "second"));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains($"your team stores {model} bytes (defense models {model}, attack images 0, job artifacts 0)", refused.Status.Detail);
    }

    [Fact]
    public async Task CreateEvaluation_PastTheTeamsEvaluations_IsRefusedUntilOneIsCancelled()
    {
        await using var server = await TestServer.StartAsync(null, "--max-team-evaluations", "1");
        var key = await server.CreateTeamAsync("defenders", Role.Defender);
        string defenseId;
        await using (var worker = await ScriptedWorker.StartAsync(server, _ => [0f, 1f]))
        {
            defenseId = (await Uploads.UploadAsync(server.Defenses(key), TestPaths.GoodDefense("tiny_cnn.onnx"), "target")).Id;
            await Awaiting.JudgedAsync(server, key, defenseId, TimeSpan.FromSeconds(30));
        }
        var jobs = server.Jobs(key);
        var first = await jobs.CreateEvaluationAsync(new CreateEvaluationRequest { DefenseId = defenseId });

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await jobs.CreateEvaluationAsync(new CreateEvaluationRequest { DefenseId = defenseId }));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("1 evaluations queued or running (1 queued, 0 running), the most it may have at once (1)", refused.Status.Detail);

        await jobs.CancelJobAsync(new CancelJobRequest { JobId = first.Id });
        var second = await jobs.CreateEvaluationAsync(new CreateEvaluationRequest { DefenseId = defenseId });
        Assert.Equal(JobStatus.Queued, second.Status);
    }

    [Fact]
    public async Task QuotaCommand_ShowsEveryLimitInATableAndInJson()
    {
        await using var server = await TestServer.StartAsync(null, "--daily-defense-uploads", "3", "--max-team-evaluations", "2");
        var key = await server.CreateTeamAsync("both", Role.Defender, Role.Attacker);
        var defense = await Uploads.UploadAsync(server.Defenses(key), TestPaths.GoodDefense("tiny_cnn.onnx"), "counted");
        var cli = new CliRunner(server);

        var table = await cli.RunAsync(key, "quota");
        var json = await cli.JsonAsync(key, "quota");

        Assert.Equal(0, table.ExitCode);
        foreach (var row in new[] { "attack images today", "defense uploads today", "evaluations queued or running", "bytes stored" })
            Assert.Contains(row, table.Output);
        Assert.Equal(10, (int)json["remaining"]!);
        Assert.False((bool)json["exempt"]!);
        Assert.Equal((3, 1, 2), ((int)json["defense_uploads"]!["limit"]!, (int)json["defense_uploads"]!["used"]!, (int)json["defense_uploads"]!["remaining"]!));
        Assert.Equal(2, (int)json["evaluations"]!["limit"]!);
        Assert.Equal(0, (int)json["evaluations"]!["detail"]!["queued"]!);
        Assert.Equal(defense.SizeBytes, (long)json["bytes_stored"]!["used"]!);
        Assert.Equal(defense.SizeBytes, (long)json["bytes_stored"]!["detail"]!["defense_models"]!);
        Assert.False(string.IsNullOrEmpty((string?)json["defense_uploads"]!["resets_at"]));
    }
}
