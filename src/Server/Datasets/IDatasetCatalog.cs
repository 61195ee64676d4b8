using Contest.Contracts.V1;
using Contest.Core;

namespace Contest.Server.Datasets;

/// <summary>One image file of a split, as the server serves it.</summary>
internal sealed record CatalogFile(string Path, ClassLabel Label, long SizeBytes, string Sha256, string Id);

/// <summary>The server's dataset: which splits exist, their files, and reading them.</summary>
internal interface IDatasetCatalog
{
    /// <summary>
    /// The split the eligibility rules hide: organizers read it here; a worker gets its images, without
    /// labels, only for the eligibility job it holds the lease of.
    /// </summary>
    public const string HiddenSplit = "eligibility";

    /// <summary>The public test split evaluations run on.</summary>
    public const string TestSplit = "test";

    /// <summary>Whether the images are there (generation can take minutes on a first start).</summary>
    bool IsReady { get; }

    /// <summary>What the dataset is doing when not ready.</summary>
    string Status { get; }

    DatasetInfo Describe();

    /// <summary>The files of a split in a stable order (label folder, then file name); empty if the split does not exist.</summary>
    IReadOnlyList<CatalogFile> Files(string split);

    /// <summary>Opens one file of a split for reading.</summary>
    Stream Open(string split, string path);
}
