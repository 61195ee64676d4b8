using Contest.Contracts.V1;
using Contest.Core.Rules;
using Contest.FunctionalTests.Infrastructure;
using Contest.Tests.Shared;

namespace Contest.FunctionalTests.Workers;

[Collection(WorkerCollection.Name)]
public class EvaluationByWorkerTests
{
    [Fact]
    public async Task QuickWarmupOnAnOnnxDefense_RunsEveryAttackButPgd_AndTheReportDownloadsWithArtifacts()
    {
        await using var server = await TestServer.StartAsync(null, "--workers", "1", "--min-throughput", "1");
        using var output = new TempDirectory("contest-report");
        var key = await server.CreateTeamAsync("defenders", Role.Defender);
        var defense = await Uploads.UploadAsync(server.Defenses(key), TestPaths.GoodDefense("tiny_cnn.onnx"), "onnx");
        await Awaiting.ValidatedAsync(server, key, defense.Id, TimeSpan.FromMinutes(3));
        var cli = new CliRunner(server);

        var finished = await cli.JsonAsync(key, "eval", "run", defense.Id, "--suite", "warmup", "--profile", "quick", "--limit", "2", "--watch");
        var report = await cli.JsonAsync(key, "eval", "report", (string)finished["job_id"]!, "--out", output.Path);

        var attacks = report["attacks"]!.AsArray();
        Assert.Equal(AttackSuites.WarmupAttacks,
            attacks.Select(a => (string)a!["name"]!));
        Assert.All(attacks, a => Assert.Equal("quick", (string)a!["profile"]!));
        Assert.Contains("gradients", (string)attacks.Single(a => (string)a!["name"]! == "pgd_linf")!["skipped_reason"]!);
        Assert.Equal(2, (int)attacks[0]!["images"]!);
        Assert.Equal(2 * 5, report["images"]!.AsArray().Count);
        Assert.True(File.Exists(Path.Combine(output.Path, "report.json")));
        Assert.True(File.Exists(Path.Combine(output.Path, "risk_coverage.png")));
        Assert.True(File.Exists(Path.Combine(output.Path, "clean", "images.csv")));
        var adversarial = Directory.GetFiles(Path.Combine(output.Path, "spatial_grid"), "adv_*.png", SearchOption.AllDirectories);
        Assert.Equal(2, adversarial.Length);
        Assert.All(adversarial, f => Assert.Matches(@"(correct|incorrect)/adv_(bird|bicycle)_[0-9a-f]{16}\.png$", f.Replace('\\', '/')));
    }
}
