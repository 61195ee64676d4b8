using System.Text.Json.Nodes;
using Contest.Client.Cli;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Tests.Shared;

namespace Contest.FunctionalTests.Cli;

/// <summary>The reference commands end to end against <see cref="FakeReferenceServer"/> (the real service lands separately).</summary>
public class ReferenceCommandsEndToEndTests
{
    private static readonly byte[] ModelBytes = [.. Enumerable.Range(0, 2500).Select(i => (byte)(i * 7))];
    private static readonly byte[] CurveBytes = [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3];

    [Fact]
    public async Task Download_Model_WritesTheCheckedFileAndNoPart()
    {
        await using var server = await StartAsync();
        using var temp = new TempDirectory();
        var target = temp.Combine("m.model");

        var (exitCode, output, error) = await RunAsync(server, "reference", "download", "ref_adv00001", "-o", target, "--json");

        Assert.True(exitCode == 0, error);
        Assert.Equal(ModelBytes, File.ReadAllBytes(target));
        Assert.False(File.Exists(target + ".part"));
        var json = JsonNode.Parse(output)!;
        Assert.Equal(2500, (long)json["size_bytes"]!);
        Assert.Equal("model", (string)json["file"]!);
    }

    [Fact]
    public async Task Download_FileNotOffered_ExitCodeFourNamingWhatIs()
    {
        await using var server = await StartAsync();
        using var temp = new TempDirectory();

        var (exitCode, _, error) = await RunAsync(server, "reference", "download", "ref_adv00001", "--file", "safetensors", "-o", temp.Combine("w.safetensors"));

        Assert.Equal(4, exitCode);
        Assert.Contains("has no 'safetensors' file; it offers: model, curve", error);
    }

    [Fact]
    public async Task Show_WithCurve_PrintsTheModelAndWritesThePng()
    {
        await using var server = await StartAsync();
        using var temp = new TempDirectory();
        var png = temp.Combine("curve.png");

        var (exitCode, output, error) = await RunAsync(server, "reference", "show", "ref_adv00001", "--curve", png);

        Assert.True(exitCode == 0, error);
        Assert.Equal(CurveBytes, File.ReadAllBytes(png));
        Assert.Contains("baseline-adversarial_pgd", output);
        Assert.Contains("Measured here", output);
        Assert.Contains("Wrote the training curve", output);
    }

    [Fact]
    public async Task Show_UnknownId_ExitCodeFour()
    {
        await using var server = await StartAsync();

        var (exitCode, _, error) = await RunAsync(server, "reference", "show", "ref_nothere");

        Assert.Equal(4, exitCode);
        Assert.Contains("ref_nothere", error);
    }

    [Fact]
    public async Task Train_SendsTheParsedRequest_AndPrintsTheJob()
    {
        await using var server = await StartAsync();

        var (exitCode, output, error) = await RunAsync(server, "reference", "train", "--kind", "trades", "--seed", "5", "--epsilon", "8/255", "--beta", "3");

        Assert.True(exitCode == 0, error);
        Assert.Contains("job_train0002", output);
        var sent = server.Service.LastTrainRequest!;
        Assert.Equal(ReferenceKind.Trades, sent.Kind);
        Assert.Equal(5, sent.Seed);
        Assert.Equal(8.0 / 255, sent.Adversarial.Epsilon, 12);
        Assert.Equal(3.0, sent.Adversarial.TradesBeta, 12);
    }

    [Fact]
    public async Task Train_LabelDp_SendsTheLabelDpOptionsAndNoAttack()
    {
        await using var server = await StartAsync();

        var (exitCode, output, error) = await RunAsync(server, "reference", "train", "--kind", "label_dp", "--epsilon", "0.5", "--stages", "1", "--mixup");

        Assert.True(exitCode == 0, error);
        Assert.Contains("job_train0002", output);
        var sent = server.Service.LastTrainRequest!;
        Assert.Equal(ReferenceKind.LabelDp, sent.Kind);
        Assert.Null(sent.Adversarial);
        Assert.Equal(0.5, sent.LabelDp.Epsilon, 12);
        Assert.Equal(1, sent.LabelDp.Stages);
        Assert.True(sent.LabelDp.Mixup);
        Assert.Equal(LabelDpMechanism.Unspecified, sent.LabelDp.Mechanism);
    }

    [Fact]
    public async Task ListJson_HasTheModel()
    {
        await using var server = await StartAsync();

        var (exitCode, output, error) = await RunAsync(server, "reference", "list", "--json");

        Assert.True(exitCode == 0, error);
        var item = Assert.Single(JsonNode.Parse(output)!.AsArray())!;
        Assert.Equal("ref_adv00001", (string)item["id"]!);
        Assert.True((bool)item["built_in"]!);
    }

    private static Task<FakeReferenceServer> StartAsync()
    {
        var model = new ReferenceModel
        {
            Id = "ref_adv00001",
            Name = "baseline-adversarial_pgd",
            Kind = ReferenceKind.AdversarialPgd,
            Status = ReferenceStatus.Ready,
            Profile = TrainingProfile.Quick,
            BuiltIn = true,
            Files = { "model", "curve" },
        };
        model.Metrics.Add("clean", 0.97);
        return FakeReferenceServer.StartAsync(model, new Dictionary<string, byte[]> { ["model"] = ModelBytes, ["curve"] = CurveBytes });
    }

    private static async Task<CliResult> RunAsync(FakeReferenceServer server, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await ContestCli.RunAsync(["--server", server.Address, "--api-key", "k", .. args], output, error, _ => null);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
