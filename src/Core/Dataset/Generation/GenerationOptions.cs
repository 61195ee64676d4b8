namespace Contest.Core.Dataset.Generation;

/// <summary>What <see cref="DatasetGenerator"/> writes, and where.</summary>
public sealed record GenerationOptions
{
    /// <summary>The root folder; images go to <c>&lt;root&gt;/synthetic-1/&lt;split&gt;/&lt;class&gt;/</c>.</summary>
    public required string Root { get; init; }

    /// <summary>The seed every image is drawn from.</summary>
    public ulong Seed { get; init; } = SyntheticDataset.DefaultSeed;

    /// <summary>
    /// A separate seed for the eligibility split (null: <see cref="Seed"/>). A server should set a
    /// private one: anyone who knows the seed can regenerate the split defenders must never see.
    /// </summary>
    public ulong? EligibilitySeed { get; init; }

    /// <summary>Images per class for each split; splits with 0 are left alone.</summary>
    public SplitCounts Counts { get; init; } = SplitCounts.Default;

    /// <summary>Images rendered at once (default: one per processor).</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The seed a split is drawn from.</summary>
    public ulong SeedFor(DatasetSplit split) => split == DatasetSplit.Eligibility ? EligibilitySeed ?? Seed : Seed;
}
