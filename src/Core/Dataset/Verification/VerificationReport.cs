namespace Contest.Core.Dataset.Verification;

/// <summary>The outcome of <see cref="DatasetVerifier.Verify"/>.</summary>
/// <param name="VersionDirectory">The version folder checked.</param>
/// <param name="Version">Its name, e.g. "0.0.4" or "synthetic-1".</param>
/// <param name="Splits">Images found per split and class, and the counts expected.</param>
/// <param name="Problems">Every problem found, each naming its file or folder, in path order.</param>
public sealed record VerificationReport(string VersionDirectory, string Version, IReadOnlyList<SplitCheck> Splits, IReadOnlyList<DatasetProblem> Problems)
{
    /// <summary>Whether nothing is wrong.</summary>
    public bool IsClean => Problems.Count == 0;

    /// <summary>Images checked in all splits.</summary>
    public int ImagesChecked => Splits.Sum(s => s.Bicycles + s.Birds);
}

/// <summary>What one split holds.</summary>
/// <param name="Split">The split.</param>
/// <param name="Bicycles">Bicycle images found.</param>
/// <param name="Birds">Bird images found.</param>
/// <param name="ExpectedPerClass">Images per class expected (from the manifest, or the original's counts); null when unknown.</param>
/// <param name="HasManifest">Whether the split carries a manifest (generated copies).</param>
public sealed record SplitCheck(DatasetSplit Split, int Bicycles, int Birds, int? ExpectedPerClass, bool HasManifest);
