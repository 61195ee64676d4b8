namespace Contest.Core.Dataset.Generation;

/// <summary>What <see cref="GenerationBenchmark"/> measures.</summary>
public sealed record BenchmarkOptions
{
    /// <summary>Images generated per round (rounded down to an even number: half of each class; at least 2).</summary>
    public int Images { get; init; } = 1000;

    /// <summary>Rounds of generation and of encoding, alternated; the report gives their medians.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Threads for both measurements (default: one per processor, as generation uses).</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The seed of the images drawn.</summary>
    public ulong Seed { get; init; } = SyntheticDataset.DefaultSeed;
}
