using System.Text.RegularExpressions;

namespace Contest.Core.Dataset;

/// <summary>
/// The on-disk layout shared by the real bird-or-bicycle copies and the generated one:
/// <c>&lt;root&gt;/&lt;version&gt;/{train,test,extras,eligibility}/{bicycle,bird}/&lt;16-hex-id&gt;.jpg</c>,
/// every image 299x299 JPEG, the folder being the label.
/// </summary>
public static partial class DatasetLayout
{
    /// <summary>Width and height of every stored image.</summary>
    public const int ImageSize = 299;

    /// <summary>The version folder of the last real release.</summary>
    public const string RealVersion = "0.0.4";

    /// <summary>The name of each split's manifest in the generated layout.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>The extension of every image file.</summary>
    public const string ImageExtension = ".jpg";

    /// <summary>Images per class the original verification expected for each real version and split.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<DatasetSplit, int>> KnownRealCounts { get; } =
        new Dictionary<string, IReadOnlyDictionary<DatasetSplit, int>>
        {
            [RealVersion] = new Dictionary<DatasetSplit, int>
            {
                [DatasetSplit.Train] = 125,
                [DatasetSplit.Test] = 125,
                [DatasetSplit.Extras] = 13_750,
            },
        };

    /// <summary>The path of an image relative to the version folder, with '/' separators.</summary>
    public static string RelativePath(DatasetSplit split, ClassLabel label, string id) =>
        $"{split.Name()}/{label.Name()}/{id}{ImageExtension}";

    /// <summary>Whether a name is a well-formed image id: 16 lowercase hex characters.</summary>
    public static bool IsWellFormedId(string id) => IdPattern().IsMatch(id);

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex IdPattern();
}
