namespace Contest.Core.Dataset;

/// <summary>
/// What the generator wrote into one split (<c>&lt;version&gt;/&lt;split&gt;/manifest.json</c>): how it was
/// made and, for every image, its label, kind, bounding box, size and SHA-256. Real copies have none.
/// </summary>
public sealed record SplitManifest
{
    /// <summary>The manifest format, bumped on incompatible changes.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The manifest format of this file.</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>The version folder, e.g. "synthetic-1".</summary>
    public required string Version { get; init; }

    /// <summary>The generator version that drew the images.</summary>
    public required int GeneratorVersion { get; init; }

    /// <summary>The seed the images were drawn from.</summary>
    public required ulong Seed { get; init; }

    /// <summary>The split these images belong to.</summary>
    public required DatasetSplit Split { get; init; }

    /// <summary>Images per class.</summary>
    public required int PerClass { get; init; }

    /// <summary>Width and height of every image.</summary>
    public int ImageSize { get; init; } = DatasetLayout.ImageSize;

    /// <summary>Every image, bicycles first, each class in index order.</summary>
    public required IReadOnlyList<ManifestImage> Images { get; init; }
}

/// <summary>One generated image in a <see cref="SplitManifest"/>.</summary>
/// <param name="Id">16 lowercase hex characters, derived from (generator version, seed, split, class, index).</param>
/// <param name="Label">The class.</param>
/// <param name="Index">The image's index within its class and split.</param>
/// <param name="File">The path below the version folder, e.g. "train/bird/0123456789abcdef.jpg".</param>
/// <param name="Kind">The body plan or bicycle type drawn, e.g. "owl" or "road-bicycle".</param>
/// <param name="Box">The tight box around the one main object, in pixels.</param>
/// <param name="SizeBytes">The JPEG file's size.</param>
/// <param name="Sha256">The SHA-256 of the JPEG file, lowercase hex.</param>
public sealed record ManifestImage(string Id, ClassLabel Label, int Index, string File, string Kind, BoundingBox Box, long SizeBytes, string Sha256);
