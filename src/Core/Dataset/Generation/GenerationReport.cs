namespace Contest.Core.Dataset.Generation;

/// <summary>What a generation run did.</summary>
/// <param name="VersionDirectory">The version folder written, e.g. ".../synthetic-1".</param>
/// <param name="Splits">One line per split generated.</param>
/// <param name="Elapsed">Wall-clock time of the whole run.</param>
public sealed record GenerationReport(string VersionDirectory, IReadOnlyList<SplitGenerationReport> Splits, TimeSpan Elapsed)
{
    /// <summary>Images rendered and written in this run.</summary>
    public int Written => Splits.Sum(s => s.Written);

    /// <summary>Images already on disk with the manifest's hash, left as they were.</summary>
    public int Kept => Splits.Sum(s => s.Kept);

    /// <summary>Images written per second of the whole run (0 when nothing was written).</summary>
    public double WrittenPerSecond => Written == 0 || Elapsed <= TimeSpan.Zero ? 0 : Written / Elapsed.TotalSeconds;
}

/// <summary>What a generation run did to one split.</summary>
/// <param name="Split">The split.</param>
/// <param name="Seed">The seed it was drawn from.</param>
/// <param name="PerClass">Images per class.</param>
/// <param name="Written">Images rendered and written.</param>
/// <param name="Kept">Images already present and intact, left alone.</param>
/// <param name="Removed">Stale image files (not part of this split any more) deleted.</param>
public sealed record SplitGenerationReport(DatasetSplit Split, ulong Seed, int PerClass, int Written, int Kept, int Removed);
