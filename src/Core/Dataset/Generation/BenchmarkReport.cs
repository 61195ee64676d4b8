namespace Contest.Core.Dataset.Generation;

/// <summary>What <see cref="GenerationBenchmark"/> measured; rates in images per second, one per round.</summary>
/// <param name="Images">Images generated per round.</param>
/// <param name="Parallelism">Threads used by both measurements.</param>
/// <param name="GenerationRates">Whole generation (draw, encode, hash, write) per round.</param>
/// <param name="EncodeRates">JPEG encoding alone of finished pixels per round: the floor generation cannot pass.</param>
public sealed record BenchmarkReport(int Images, int Parallelism, IReadOnlyList<double> GenerationRates, IReadOnlyList<double> EncodeRates)
{
    /// <summary>The median generation rate.</summary>
    public double Generation => Median(GenerationRates);

    /// <summary>The median encode-only rate.</summary>
    public double Encoding => Median(EncodeRates);

    /// <summary>Generation rate over encode-only rate: the share of generation time the encoder takes.</summary>
    public double Ratio => Generation / Encoding;

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
