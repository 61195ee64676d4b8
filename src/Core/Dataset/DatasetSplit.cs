namespace Contest.Core.Dataset;

/// <summary>The splits of a bird-or-bicycle copy; the folder names are the lowercase names.</summary>
public enum DatasetSplit
{
    /// <summary>Labelled training images (125 per class in the original).</summary>
    Train,

    /// <summary>The public test split the warm-up attacks run on (125 per class).</summary>
    Test,

    /// <summary>Unchecked extra training images (13,750 per class in the original).</summary>
    Extras,

    /// <summary>The held-out set a defense is judged on for eligibility; only organizers see it.</summary>
    Eligibility,
}

/// <summary>Names and parsing for <see cref="DatasetSplit"/>.</summary>
public static class DatasetSplits
{
    /// <summary>Every split, in the order they are generated and listed.</summary>
    public static IReadOnlyList<DatasetSplit> All { get; } =
        [DatasetSplit.Train, DatasetSplit.Test, DatasetSplit.Extras, DatasetSplit.Eligibility];

    /// <summary>The folder and command-line name: "train", "test", "extras" or "eligibility".</summary>
    public static string Name(this DatasetSplit split) => split switch
    {
        DatasetSplit.Train => "train",
        DatasetSplit.Test => "test",
        DatasetSplit.Extras => "extras",
        DatasetSplit.Eligibility => "eligibility",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, null),
    };

    /// <summary>Parses a split name (any case).</summary>
    public static bool TryParse(string? text, out DatasetSplit split)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                split = candidate;
                return true;
            }
        }
        split = default;
        return false;
    }
}
