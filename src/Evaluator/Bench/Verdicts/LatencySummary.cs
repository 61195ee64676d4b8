namespace Contest.Evaluator.Bench.Verdicts;

/// <summary>Percentiles of a set of latencies, by nearest rank (p95 of 40 is the 38th smallest).</summary>
internal sealed record LatencySummary(double P50Ms, double P95Ms, double MaxMs)
{
    public static LatencySummary Of(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0)
            return new LatencySummary(double.NaN, double.NaN, double.NaN);
        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(Rank(sorted, 0.50), Rank(sorted, 0.95), sorted[^1]);
    }

    private static double Rank(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
