namespace Contest.Core.Dataset.Verification;

/// <summary>What is wrong with a file or folder of a copy.</summary>
public enum DatasetProblemKind
{
    /// <summary>A split or class folder, or a file the manifest lists, is not there.</summary>
    Missing,

    /// <summary>A class holds a different number of images than expected.</summary>
    WrongCount,

    /// <summary>An image is not 299x299.</summary>
    WrongSize,

    /// <summary>A file is not a complete, decodable JPEG.</summary>
    Undecodable,

    /// <summary>A file's bytes differ from the SHA-256 its manifest records.</summary>
    HashMismatch,

    /// <summary>A file or folder that does not belong: not in the manifest, or not an image.</summary>
    Unexpected,

    /// <summary>A manifest that cannot be read or contradicts the layout.</summary>
    BadManifest,
}

/// <summary>One problem found by <see cref="DatasetVerifier"/>, naming the exact file or folder.</summary>
/// <param name="Path">The file or folder below the version folder, '/' separated, e.g. "test/bird/0123456789abcdef.jpg".</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Message">A sentence for a person.</param>
public sealed record DatasetProblem(string Path, DatasetProblemKind Kind, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
