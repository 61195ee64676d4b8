using System.Diagnostics;
using System.Text.Json.Nodes;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.FunctionalTests.Workers;
using Contest.Server.Workers;
using Contest.Tests.Shared;
using Xunit.Abstractions;

namespace Contest.FunctionalTests.Bench;

/// <summary>
/// `bench verdicts` run as an operator runs it (the evaluator's own process) against the real server
/// with a local worker: it stakes the model through the public API, spreads the submissions over
/// attacker teams when the daily quota is smaller than a client's share, and every submission gets
/// its verdict; --defense reuses a staked defense only with its own model file. Nothing here asserts a time: the figures are the benchmark's to report.
/// </summary>
[Collection(WorkerCollection.Name)]
public class VerdictsBenchTests(ITestOutputHelper output)
{
    [Fact]
    public async Task BenchVerdicts_ThreeSubmissionsFromTwoClients_EachGetsAVerdictAndReuseNeedsTheSameFile()
    {
        // A quota of 1 a day: the warm-up, and each client's every submission, need a team of their own.
        await using var server = await TestServer.StartAsync(null, "--workers", "1", "--min-throughput", "1", "--daily-attack-quota", "1");

        var run = await RunBenchAsync(server, "--submissions", "3", "--concurrency", "2", "--warmup", "1", "--floor-repeats", "3", "--json");

        output.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}");
        var report = JsonNode.Parse(run.Output)!;
        Assert.Equal(3, (int)report["submissions"]!);
        Assert.Equal(2, (int)report["concurrency"]!);
        Assert.Equal(3, (int)report["verdicts"]!);
        Assert.Equal(0, (int)report["failures"]!);
        Assert.Equal("tiny_cnn_scripted.pt", (string)report["model"]!);
        Assert.Equal(1, (int)report["daily_quota"]!);
        Assert.Equal(1 + 3, (int)report["attacker_teams"]!);
        Assert.Contains((string)report["configuration"]!, new[] { "Debug", "Release" });
        Assert.Equal("cpu", (string)report["floor"]!["device"]!);
        foreach (var figure in new[] { "p50_ms", "p95_ms", "max_ms", "verdicts_per_second", "p50_over_floor" })
            Assert.True((double)report[figure]! > 0, figure);
        Assert.True((double)report["p50_ms"]! <= (double)report["p95_ms"]! && (double)report["p95_ms"]! <= (double)report["max_ms"]!);
        Assert.True((double)report["floor"]!["forward_ms"]! > 0 && (double)report["floor"]!["decode_ms"]! > 0);

        // The server agrees: the defense is staked, and it judged four distinct images (warm-up included).
        var defenseId = (string)report["defense_id"]!;
        var defense = await server.Defenses(server.OrganizerKey).GetDefenseAsync(new GetDefenseRequest { DefenseId = defenseId });
        Assert.Equal(StakeStatus.Unbroken, defense.Stake.Status);
        var attacks = await new AttackService.AttackServiceClient(server.Invoker(server.OrganizerKey))
            .ListAttacksAsync(new ListAttacksRequest { DefenseId = defenseId });
        Assert.Equal(4, attacks.Attacks.Count);
        Assert.Equal(4, attacks.Attacks.Select(a => a.ImageSha256).Distinct().Count());
        Assert.All(attacks.Attacks, a => Assert.False(Assert.Single(a.Verdicts).DefenseFailed));

        // --defense reuses it, but only with the file it was uploaded from (the floor is timed on that file).
        var reused = await RunBenchAsync(server, "--defense", defenseId, "--submissions", "1", "--warmup", "0", "--floor-repeats", "1", "--json");
        Assert.True(reused.ExitCode == 0, $"exit {reused.ExitCode}: {reused.Error}");
        Assert.Equal("reused, staked", (string)JsonNode.Parse(reused.Output)!["defense_entry"]!);
        var other = await RunBenchAsync(server, "--defense", defenseId, "--model", TestPaths.GoodDefense("tiny_cnn_traced.pt"));
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("SHA-256 differ", other.Error);
        attacks = await new AttackService.AttackServiceClient(server.Invoker(server.OrganizerKey))
            .ListAttacksAsync(new ListAttacksRequest { DefenseId = defenseId });
        Assert.Equal(5, attacks.Attacks.Count);
    }


    /// <summary>The evaluator's `bench verdicts` against <paramref name="server"/>, on tiny_cnn_scripted.pt unless the arguments name a --model.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunBenchAsync(TestServer server, params string[] args)
    {
        var start = new ProcessStartInfo(EvaluatorLocator.DotnetHost())
        {
            ArgumentList = { EvaluatorLocator.Find("")!, "bench", "verdicts", "--server", server.Address, "--key", server.OrganizerKey },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (!args.Contains("--model"))
            args = ["--model", TestPaths.GoodDefense("tiny_cnn_scripted.pt"), .. args];
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            // A hung run must not hang the suite; this bounds waiting, not the benchmark's figures.
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(8));
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
