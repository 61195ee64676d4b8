namespace Contest.Server.Datasets;

/// <summary>Which bird-or-bicycle images the server evaluates on (bound from the "Contest" section).</summary>
internal sealed class DatasetOptions
{
    /// <summary>"synthetic" (generated into the data directory) or the path of a real copy.</summary>
    public string Dataset { get; init; } = "synthetic";

    /// <summary>The public seed of the synthetic set (train, test, extras).</summary>
    public long DatasetSeed { get; init; } = 2018;

    /// <summary>Images per class of the synthetic set, e.g. "train=125,test=125,extras=0,eligibility=500" (empty: the defaults).</summary>
    public string DatasetPerClass { get; init; } = "";
}
