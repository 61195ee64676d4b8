using System.Text.Json.Nodes;
using Contest.Client.Cli;
using Contest.Tests.Shared;

namespace Contest.FunctionalTests.Cli;

/// <summary>`contest dataset ...` end to end, in-process; these commands work on local files only, no server.</summary>
public class DatasetCommandTests
{
    private const string Counts = "train=2,test=2,extras=0,eligibility=1";

    [Fact]
    public async Task GenerateThenVerify_Json_ReportsWhatWasWrittenAndExitsZero()
    {
        using var temp = new TempDirectory();

        var generated = await RunAsync("dataset", "generate", "--out", temp.Path, "--seed", "9", "--per-class", Counts, "--json");
        var verified = await RunAsync("dataset", "verify", temp.Path, "--json");

        Assert.Equal(0, generated.ExitCode);
        var report = JsonNode.Parse(generated.Output)!;
        Assert.Equal(10, (int)report["written"]!);
        Assert.Equal(["train", "test", "eligibility"], report["splits"]!.AsArray().Select(s => (string)s!["split"]!));
        Assert.Equal(0, verified.ExitCode);
        Assert.True((bool)JsonNode.Parse(verified.Output)!["clean"]!);
    }

    [Fact]
    public async Task Verify_DeletedFile_ExitsOneAndNamesIt()
    {
        using var temp = new TempDirectory();
        await RunAsync("dataset", "generate", "--out", temp.Path, "--per-class", Counts);
        var victim = Directory.GetFiles(temp.Combine("synthetic-1", "train", "bicycle"))[0];
        File.Delete(victim);

        var result = await RunAsync("dataset", "verify", temp.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"train/bicycle/{Path.GetFileName(victim)}: listed in the manifest", result.Output);
        Assert.Contains("train/bicycle: 1 images, expected 2.", result.Output);
        Assert.StartsWith("error: 2 problems", result.Error);
    }

    [Fact]
    public async Task Preview_WritesAPng()
    {
        using var temp = new TempDirectory();
        await RunAsync("dataset", "generate", "--out", temp.Path, "--per-class", Counts);
        var sheet = temp.Combine("sheet.png");

        var result = await RunAsync("dataset", "preview", temp.Path, "--split", "test", "--out", sheet);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(sheet)[..4]);
    }

    [Fact]
    public async Task Verify_FolderWithoutData_IsAUsageError()
    {
        using var temp = new TempDirectory();

        var result = await RunAsync("dataset", "verify", temp.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("holds no bird-or-bicycle data", result.Error);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await ContestCli.RunAsync(args, output, error, _ => null);
        return (exitCode, output.ToString(), error.ToString());
    }
}
