using System.Globalization;

namespace Contest.Evaluator.Bench.Verdicts;

/// <summary>
/// The machine's one-minute load average (Linux /proc/loadavg; NaN elsewhere), printed beside the
/// figures: on a shared machine, others' work moves latencies more than anything measured here.
/// </summary>
internal static class LoadAverage
{
    public static double Now()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }
}
