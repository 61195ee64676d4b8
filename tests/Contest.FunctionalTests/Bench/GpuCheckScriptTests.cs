using System.Diagnostics;
using Contest.Core.Rules;
using Contest.Server.Workers;
using Contest.Tests.Shared;

namespace Contest.FunctionalTests.Bench;

/// <summary>
/// bench/gpu-check.sh end to end on the CPU: the evaluator the tests built, the tiny fixture model, a
/// dataset of 8 test images (2 attacked) made by `bench dataset`, and its summary table read row by row.
/// </summary>
public class GpuCheckScriptTests
{
    [BashFact]
    public async Task OnTheCpuWithTheTinyModel_RunsEveryStep_AndPrintsOneSummaryTable()
    {
        var evaluator = EvaluatorLocator.Find("") ?? throw new InvalidOperationException("the evaluator is not built: dotnet build src/Evaluator");
        using var work = new TempDirectory("contest-gpu-check");
        var start = new ProcessStartInfo(BashFactAttribute.Find()!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                Path.Combine(TestPaths.RepositoryRoot, "bench", "gpu-check.sh"),
                "--evaluator", evaluator, "--dotnet", EvaluatorLocator.DotnetHost(), "--device", "cpu",
                "--model", TestPaths.GoodDefense("tiny_cnn_scripted.pt"), "--test-per-class", "4", "--limit", "2",
                "--profile", "quick", "--repeats", "1", "--work", work.Path,
            },
        };
        using var script = Process.Start(start)!;
        // A guard against a hung step (never a measure): the tiny run takes well under a minute.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        string output;
        Task<string> error;
        try
        {
            error = script.StandardError.ReadToEndAsync(guard.Token);
            output = await script.StandardOutput.ReadToEndAsync(guard.Token);
            await script.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            script.Kill(entireProcessTree: true);
            throw new TimeoutException("gpu-check.sh did not finish within 6 minutes.");
        }

        Assert.True(script.ExitCode == 0, $"exit {script.ExitCode}\n{output}\n{await error}");
        var rows = SummaryRows(output);
        Assert.Contains(rows["build"], new[] { "Debug", "Release" });
        Assert.StartsWith("ok: device cpu", rows["doctor"]);
        Assert.StartsWith("bundled CPU libtorch", rows["libtorch"]);
        Assert.Matches(@"^\d+ intra-op and \d+ inter-op threads on \d+ processors$", rows["threads"]);
        Assert.Equal("tiny_cnn_scripted.pt (given)", rows["model"]);
        Assert.Equal("8 (test)", rows["images"]);
        Assert.Matches(@"^\d+\.\d images/s", rows["raw forward"]);
        Assert.Matches(@"^\d+\.\d %$", rows["engine / raw"]);
        foreach (var attack in AttackSuites.WarmupAttacks)
            Assert.Matches(@"^\d+\.\d s, 2 images, forward \d+ img/s \(\d+ % of raw\), acc@80 \d+\.\d %$", rows[$"attack {attack}"]);
        Assert.Matches(@"^\d+\.\d s$", rows["warm-up suite (quick)"]);
    }

    /// <summary>The rows after the summary's header, by check name (the first 38 characters).</summary>
    private static Dictionary<string, string> SummaryRows(string output)
    {
        var lines = output.Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("GPU check summary", StringComparison.Ordinal));
        Assert.True(header >= 0, $"no summary table in:\n{output}");
        Assert.Equal(1, lines.Count(l => l.StartsWith("GPU check summary", StringComparison.Ordinal)));
        return lines.Skip(header + 2).Where(l => l.Length > 38)
            .ToDictionary(l => l[..38].TrimEnd(), l => l[39..].Trim());
    }
}
