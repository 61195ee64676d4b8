using System.Security.Cryptography;
using Contest.FunctionalTests.Infrastructure;
using Contest.Tests.Shared;

namespace Contest.FunctionalTests.Cli;

public class ClientCommandTests
{
    [Fact]
    public async Task TeamsCreateJson_HasTheNewKey_WhichUploadsAndListsDefenses()
    {
        await using var server = await TestServer.StartAsync();
        var cli = new CliRunner(server);

        var team = await cli.JsonAsync(server.OrganizerKey, "teams", "create", "blue", "--roles", "defender,attacker");
        var key = (string)team["key"]!;
        var uploaded = await cli.JsonAsync(key, "defenses", "upload", TestPaths.GoodDefense("tiny_cnn.onnx"), "--name", "tiny", "--open");
        var listed = await cli.JsonAsync(key, "defenses", "list");

        Assert.Equal(["defender", "attacker"], team["roles"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("onnx", (string)uploaded["format"]!);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(TestPaths.GoodDefense("tiny_cnn.onnx")))), (string)uploaded["sha256"]!);
        var item = Assert.Single(listed.AsArray())!;
        Assert.Equal((string)uploaded["id"]!, (string)item["id"]!);
        Assert.Equal("tiny", (string)item["name"]!);
        Assert.Equal("pending", (string)item["validation"]!["status"]!);
    }

    [Fact]
    public async Task DefensesShowAndDownload_RoundTripTheFile()
    {
        await using var server = await TestServer.StartAsync();
        using var temp = new TempDirectory();
        var cli = new CliRunner(server);
        var key = await server.CreateTeamAsync("blue", Contest.Contracts.V1.Role.Defender);
        var uploaded = await cli.JsonAsync(key, "defenses", "upload", TestPaths.GoodDefense("tiny_cnn_scripted.pt"), "--name", "tiny");
        var id = (string)uploaded["id"]!;

        var shown = await cli.JsonAsync(key, "defenses", "show", id);
        var target = temp.Combine("model.pt");
        var downloaded = await cli.JsonAsync(key, "defenses", "download", id, "--out", target);

        Assert.Equal("torchscript", (string)shown["format"]!);
        Assert.Equal((string)uploaded["sha256"]!, (string)downloaded["sha256"]!);
        Assert.Equal(File.ReadAllBytes(TestPaths.GoodDefense("tiny_cnn_scripted.pt")), File.ReadAllBytes(target));
        Assert.False(File.Exists(target + ".part"));
    }

    [Fact]
    public async Task DefensesDownload_StoredFileDamaged_ExitsOneWithOneLineReasonAndWritesNothing()
    {
        await using var server = await TestServer.StartAsync();
        using var temp = new TempDirectory();
        var cli = new CliRunner(server);
        var key = await server.CreateTeamAsync("blue", Contest.Contracts.V1.Role.Defender);
        var uploaded = await cli.JsonAsync(key, "defenses", "upload", TestPaths.GoodDefense("tiny_cnn_scripted.pt"), "--name", "tiny");
        var sha256 = (string)uploaded["sha256"]!;
        // Same length, one byte flipped: only the hash check can tell.
        var blob = Path.Combine(server.DataDirectory, "blobs", "sha256", sha256[..2], sha256);
        var bytes = File.ReadAllBytes(blob);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(blob, bytes);
        var target = temp.Combine("model.pt");

        var result = await cli.RunAsync(key, "defenses", "download", (string)uploaded["id"]!, "--out", target);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains("SHA-256 mismatch", line);
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(target + ".part"));
    }

    [Fact]
    public async Task Upload_Checkpoint_ExitsNonZeroWithOneLineReason()
    {
        await using var server = await TestServer.StartAsync();
        var cli = new CliRunner(server);
        var key = await server.CreateTeamAsync("blue", Contest.Contracts.V1.Role.Defender);

        var result = await cli.RunAsync(key, "defenses", "upload", TestPaths.BadDefense("state_dict_checkpoint.pt"), "--name", "sd");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains("torch.jit.script(model).save", line);
    }

    [Fact]
    public async Task WrongRole_ExitCodeThree_AndMissingKey_SaysHowToGiveOne()
    {
        await using var server = await TestServer.StartAsync();
        var cli = new CliRunner(server);
        var key = await server.CreateTeamAsync("blue", Contest.Contracts.V1.Role.Defender);

        var denied = await cli.RunAsync(key, "teams", "list");
        var missing = await cli.RunAsync(null, "defenses", "list");

        Assert.Equal(3, denied.ExitCode);
        Assert.Contains("organizer role", denied.Error);
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("--api-key", missing.Error);
    }

    [Fact]
    public async Task UnknownDefense_ExitCodeFour()
    {
        await using var server = await TestServer.StartAsync();
        var cli = new CliRunner(server);

        var result = await cli.RunAsync(server.OrganizerKey, "defenses", "show", "def_n2there222");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("def_n2there222", result.Error);
    }

    [Fact]
    public async Task BadArguments_ExitCodeTwo()
    {
        await using var server = await TestServer.StartAsync();
        var cli = new CliRunner(server);

        var unknownRole = await cli.RunAsync(server.OrganizerKey, "teams", "create", "x", "--roles", "wizard");
        var missingName = await cli.RunAsync(server.OrganizerKey, "defenses", "upload", "model.pt");

        Assert.Equal(2, unknownRole.ExitCode);
        Assert.Contains("unknown role 'wizard'", unknownRole.Error);
        Assert.Equal(2, missingName.ExitCode);
    }

    [Fact]
    public async Task UnreachableServer_ExitCodeFive()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await Contest.Client.Cli.ContestCli.RunAsync(
            ["--server", "http://127.0.0.1:1", "--api-key", "ck_x", "defenses", "list"], output, error, _ => null);

        Assert.Equal(5, exit);
        Assert.Contains("cannot reach the server", error.ToString());
    }

    [Fact]
    public async Task Help_NeverPrintsTheApiKeyFromTheEnvironment_WhichCallsStillUse()
    {
        const string secret = "ck_never_in_help_0123456789";
        string? Environment(string name) => name == "CONTEST_API_KEY" ? secret : null;
        var help = new StringWriter();

        await Contest.Client.Cli.ContestCli.RunAsync(["jobs", "--help"], help, new StringWriter(), Environment);
        var error = new StringWriter();
        var exit = await Contest.Client.Cli.ContestCli.RunAsync(["--server", "http://127.0.0.1:1", "defenses", "list"], new StringWriter(), error, Environment);

        Assert.Contains("--api-key", help.ToString());
        Assert.DoesNotContain(secret, help.ToString());
        // With the key from the environment the call gets as far as the network (no "no API key" refusal).
        Assert.Equal(5, exit);
        Assert.Contains("cannot reach the server", error.ToString());
    }
}
