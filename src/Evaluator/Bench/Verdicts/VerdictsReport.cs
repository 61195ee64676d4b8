using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Contest.Contracts;

namespace Contest.Evaluator.Bench.Verdicts;

/// <summary>The benchmark's figures, as text for a person or as JSON for a script; both say the same.</summary>
internal static class VerdictsReport
{
    /// <summary>Release or Debug: the build of this evaluator (the server's own build is the operator's to state).</summary>
    public static string Configuration =>
        typeof(VerdictsReport).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown";

    public static JsonObject ToJson(VerdictsBenchResult result)
    {
        var (o, verdicts, latency) = (result.Options, Verdicts(result), Latency(result));
        var failed = result.Submissions.Where(s => s.Outcome != SubmissionOutcome.Verdict).ToList();
        return new JsonObject
        {
            ["configuration"] = Configuration,
            ["server"] = o.Server,
            ["model"] = Path.GetFileName(o.ModelPath),
            ["format"] = Words.Of(result.Defense.Format),
            ["defense_id"] = result.Defense.Id,
            ["defense_entry"] = result.Defense.Entry,
            ["submissions"] = o.Submissions,
            ["concurrency"] = o.Concurrency,
            ["warmup"] = o.Warmup,
            ["attacker_teams"] = result.AttackerTeams,
            ["daily_quota"] = result.DailyQuota,
            ["verdicts"] = verdicts,
            ["failures"] = failed.Count,
            ["defense_failed"] = failed.Count(s => s.Outcome == SubmissionOutcome.DefenseFailed),
            ["calls_failed"] = failed.Count(s => s.Outcome == SubmissionOutcome.CallFailed),
            ["first_failure"] = failed.FirstOrDefault()?.Problem ?? "",
            ["p50_ms"] = Round(latency.P50Ms),
            ["p95_ms"] = Round(latency.P95Ms),
            ["max_ms"] = Round(latency.MaxMs),
            ["wall_seconds"] = Round(result.Wall.TotalSeconds),
            ["verdicts_per_second"] = Round(verdicts / result.Wall.TotalSeconds),
            ["floor"] = new JsonObject
            {
                ["device"] = result.Floor.Device,
                ["load_ms"] = Round(result.Floor.LoadMs),
                ["decode_ms"] = Round(result.Floor.DecodeMs),
                ["forward_ms"] = Round(result.Floor.ForwardMs),
                ["decode_min_ms"] = Round(result.Floor.DecodeMinMs),
                ["forward_min_ms"] = Round(result.Floor.ForwardMinMs),
                ["repeats"] = result.Floor.Repeats,
            },
            ["p50_over_floor"] = Round(latency.P50Ms / FloorMs(result)),
            ["cores"] = Environment.ProcessorCount,
            ["load_average_before"] = Round(result.LoadBefore),
            ["load_average_after"] = Round(result.LoadAfter),
        };
    }

    public static void WriteJson(TextWriter output, VerdictsBenchResult result) =>
        output.WriteLine(ToJson(result).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    public static void WriteText(TextWriter output, VerdictsBenchResult result)
    {
        var (o, f, latency) = (result.Options, result.Floor, Latency(result));
        var failed = result.Submissions.Where(s => s.Outcome != SubmissionOutcome.Verdict).ToList();
        var verdicts = Verdicts(result);
        var firstFailure = failed.Count > 0 ? $"; first: {failed[0].Problem}" : "";
        FormattableString[] lines =
        [
            $"bench verdicts ({Configuration} build of the evaluator)",
            $"server:        {o.Server}",
            $"model:         {Path.GetFileName(o.ModelPath)} ({Words.Of(result.Defense.Format)}), defense {result.Defense.Id} ({result.Defense.Entry})",
            $"submissions:   {o.Submissions} measured after {o.Warmup} warm-up, from {o.Concurrency} concurrent client(s); {result.AttackerTeams} attacker team(s) of {result.DailyQuota} a day",
            $"latency:       p50 {latency.P50Ms:F1} ms   p95 {latency.P95Ms:F1} ms   max {latency.MaxMs:F1} ms   (SubmitAttack calls that got a verdict)",
            $"throughput:    {verdicts / result.Wall.TotalSeconds:F2} verdicts/s ({verdicts} in {result.Wall.TotalSeconds:F1} s)",
            $"failures:      {failed.Count} (defense failed {failed.Count(s => s.Outcome == SubmissionOutcome.DefenseFailed)}, call failed {failed.Count(s => s.Outcome == SubmissionOutcome.CallFailed)}){firstFailure}",
            $"floor:         forward {f.ForwardMs:F2} ms + decode {f.DecodeMs:F2} ms (batch 1, 224x224, {f.Device}, median of {f.Repeats}; fastest {f.ForwardMinMs:F2} + {f.DecodeMinMs:F2} ms); model load {f.LoadMs:F0} ms (once, cold)",
            $"p50 / floor:   {latency.P50Ms / FloorMs(result):F1}x",
            $"machine:       {Environment.ProcessorCount} cores, load average {result.LoadBefore:F1} before the measured submissions, {result.LoadAfter:F1} after",
        ];
        foreach (var line in lines)
            output.WriteLine(line.ToString(CultureInfo.InvariantCulture));
    }

    private static int Verdicts(VerdictsBenchResult result) => result.Submissions.Count(s => s.Outcome == SubmissionOutcome.Verdict);

    private static LatencySummary Latency(VerdictsBenchResult result) =>
        LatencySummary.Of([.. result.Submissions.Where(s => s.Outcome == SubmissionOutcome.Verdict).Select(s => s.Milliseconds)]);

    // The floor of a verdict is its decode plus its forward; loading is what a warm worker no longer pays.
    private static double FloorMs(VerdictsBenchResult result) => result.Floor.DecodeMs + result.Floor.ForwardMs;

    private static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 2) : 0;
}
