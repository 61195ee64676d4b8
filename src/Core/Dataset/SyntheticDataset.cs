namespace Contest.Core.Dataset;

/// <summary>Constants of the embedded, generated bird-or-bicycle dataset.</summary>
public static class SyntheticDataset
{
    /// <summary>
    /// Bumped, with <see cref="VersionName"/>, whenever a change to the generator changes any image;
    /// the version name goes into every id, so images of two generator versions never share an id.
    /// </summary>
    public const int GeneratorVersion = 1;

    /// <summary>The version folder the generator writes: "synthetic-1".</summary>
    public const string VersionName = "synthetic-1";

    /// <summary>The seed used when none is given.</summary>
    public const ulong DefaultSeed = 2018;

    /// <summary>JPEG quality of the written images (the real set is JPEG too).</summary>
    public const int JpegQuality = 90;
}
