using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Contest.Client.Cli;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Tests.Shared;

namespace Contest.FunctionalTests.Cli;

/// <summary>
/// The analysis commands end to end against <see cref="FakeAnalysisServer"/>: the real server answers
/// the analysis calls with Unimplemented until its side lands, so these check the client alone.
/// </summary>
public class AnalysisCommandsEndToEndTests
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', .. Enumerable.Range(0, 2500).Select(i => (byte)i)];
    private static readonly byte[] Csv = "epsilon,method,accuracy\n0.5,LP-2ST,0.71\n"u8.ToArray();

    [Fact]
    public async Task Run_Organizer_SendsTheSweepsParametersAndPrintsTheJob()
    {
        await using var server = await StartAsync();

        var result = await RunAsync(server, FakeAnalysisServer.OrganizerKey, "analysis", "run", "label-dp-sweep", "--seed", "4", "--epsilons", "0.5,1,inf", "--seeds", "2", "--param", "width=32");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Queued analysis job_sweep0001 (label-DP sweep, quick profile, epsilons 0.5,1,inf, 2 seed(s) from 4)", result.Output);
        var sent = server.State.LastRunRequest!;
        Assert.Equal(AnalysisKind.LabelDpSweep, sent.Kind);
        Assert.Equal(4, sent.Seed);
        Assert.Equal("0.5,1,inf", sent.Parameters["epsilons"]);
        Assert.Equal("2", sent.Parameters["seeds"]);
        Assert.Equal("32", sent.Parameters["width"]);
        Assert.Equal(3, sent.Parameters.Count);
    }

    [Fact]
    public async Task Run_ParticipantKey_RefusedWithExitCodeThree()
    {
        await using var server = await StartAsync();

        var result = await RunAsync(server, "participant", "analysis", "run", "label-dp-sweep");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("needs an organizer key", result.Error);
        Assert.Null(server.State.LastRunRequest);
    }

    [Fact]
    public async Task RunWatch_Succeeded_PrintsTheResult()
    {
        await using var server = await StartAsync();

        var result = await RunAsync(server, FakeAnalysisServer.OrganizerKey, "analysis", "run", "label-dp-sweep", "--watch");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("accuracy by epsilon", result.Output);
        Assert.Contains("accuracy-vs-epsilon.png", result.Output);
    }

    [Fact]
    public async Task List_AsParticipant_ShowsTheSweep_AndKindFilters()
    {
        await using var server = await StartAsync();

        var all = await RunAsync(server, "participant", "analysis", "list");
        var other = await RunAsync(server, "participant", "analysis", "list", "--kind", "memorization");
        var json = await RunAsync(server, "participant", "analysis", "list", "--kind", "label-dp-sweep", "--json");

        Assert.True(all.ExitCode == 0, all.Error);
        Assert.Contains("label_dp_sweep", RenderedText.Line(all.Output, "job_sweep0001"));
        Assert.Contains("No analyses yet.", other.Output);
        var item = Assert.Single(JsonNode.Parse(json.Output)!.AsArray())!;
        Assert.Equal("job_sweep0001", (string)item["job_id"]!);
    }

    [Fact]
    public async Task ShowJson_IsTheAnalysis()
    {
        await using var server = await StartAsync();

        var result = await RunAsync(server, "participant", "analysis", "show", "job_sweep0001", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonNode.Parse(result.Output)!;
        Assert.Equal("label_dp_sweep", (string)json["kind"]!);
        Assert.Equal(2, json["artifacts"]!.AsArray().Count);
    }

    [Fact]
    public async Task Show_UnknownId_ExitCodeFour()
    {
        await using var server = await StartAsync();

        var result = await RunAsync(server, "participant", "analysis", "show", "job_nothere");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("job_nothere", result.Error);
    }

    [Fact]
    public async Task Download_All_WritesCheckedFiles_AndKeepsThemTheSecondTime()
    {
        await using var server = await StartAsync();
        using var temp = new TempDirectory();
        var folder = temp.Combine("sweep");

        var first = await RunAsync(server, "participant", "analysis", "download", "job_sweep0001", "--out", folder);
        var second = await RunAsync(server, "participant", "analysis", "download", "job_sweep0001", "--out", folder, "--json");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(Png, File.ReadAllBytes(Path.Combine(folder, "accuracy-vs-epsilon.png")));
        Assert.Equal(Csv, File.ReadAllBytes(Path.Combine(folder, "accuracy-vs-epsilon.csv")));
        Assert.Contains("Wrote", first.Output);
        Assert.Empty(Directory.GetFiles(folder, "*.part"));
        var files = JsonNode.Parse(second.Output)!["files"]!.AsArray();
        Assert.All(files, f => Assert.False((bool)f!["downloaded"]!));
    }

    [Fact]
    public async Task Download_OneByName_OnlyThatFile()
    {
        await using var server = await StartAsync();
        using var temp = new TempDirectory();

        var result = await RunAsync(server, "participant", "analysis", "download", "job_sweep0001", "--out", temp.Path, "--name", "accuracy-vs-epsilon.csv");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(["accuracy-vs-epsilon.csv"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Download_UnknownName_ExitCodeFourNamingWhatThereIs()
    {
        await using var server = await StartAsync();
        using var temp = new TempDirectory();

        var result = await RunAsync(server, "participant", "analysis", "download", "job_sweep0001", "--out", temp.Path, "--name", "plot.svg");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("has no artifact 'plot.svg'; it has: accuracy-vs-epsilon.png, accuracy-vs-epsilon.csv", result.Error);
    }

    [Fact]
    public async Task Download_ListedHashDiffers_ExitCodeOneAndNothingWritten()
    {
        var analysis = Analysis();
        analysis.Artifacts[1].Sha256 = new string('0', 64);
        await using var server = await FakeAnalysisServer.StartAsync(analysis, Files());
        using var temp = new TempDirectory();

        var result = await RunAsync(server, "participant", "analysis", "download", "job_sweep0001", "--out", temp.Path, "--name", "accuracy-vs-epsilon.csv");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SHA-256 mismatch", result.Error);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    private static Task<FakeAnalysisServer> StartAsync() => FakeAnalysisServer.StartAsync(Analysis(), Files());

    private static Dictionary<string, byte[]> Files() => new() { ["accuracy-vs-epsilon.png"] = Png, ["accuracy-vs-epsilon.csv"] = Csv };

    // The rendering tests' sweep, with artifacts whose hashes are the bytes' own.
    private static AnalysisResult Analysis()
    {
        var analysis = AnalysisRenderingTests.Sweep();
        foreach (var artifact in analysis.Artifacts)
        {
            var bytes = Files()[artifact.Name];
            artifact.SizeBytes = bytes.Length;
            artifact.Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        }
        return analysis;
    }

    private static async Task<CliResult> RunAsync(FakeAnalysisServer server, string apiKey, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await ContestCli.RunAsync(["--server", server.Address, "--api-key", apiKey, .. args], output, error, _ => null);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
