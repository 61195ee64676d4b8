using System.Text.Json.Nodes;
using Contest.Client.Cli;

namespace Contest.FunctionalTests.Infrastructure;

/// <summary>Runs the `contest` client in-process against a test server, capturing its output.</summary>
internal sealed class CliRunner(TestServer server)
{
    public async Task<CliResult> RunAsync(string? apiKey, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] all = ["--server", server.Address, .. apiKey is null ? Array.Empty<string>() : ["--api-key", apiKey], .. args];
        var exitCode = await ContestCli.RunAsync(all, output, error, _ => null);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs with --json and parses standard output; fails the test on a non-zero exit.</summary>
    public async Task<JsonNode> JsonAsync(string? apiKey, params string[] args)
    {
        var result = await RunAsync(apiKey, [.. args, "--json"]);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error} {result.Output}");
        return JsonNode.Parse(result.Output)!;
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error);
