namespace Contest.Core.Dataset;

/// <summary>One image file of a split, as found on disk.</summary>
/// <param name="Id">The file name without extension (16 hex characters in well-formed copies).</param>
/// <param name="Label">The class, from the folder the file is in.</param>
/// <param name="Split">The split, from the folder above.</param>
/// <param name="RelativePath">The path below the version folder with '/' separators, e.g. "test/bird/0123456789abcdef.jpg".</param>
/// <param name="SizeBytes">The file's size.</param>
/// <param name="Sha256">The SHA-256 of the file's bytes as read now, lowercase hex.</param>
public sealed record DatasetEntry(string Id, ClassLabel Label, DatasetSplit Split, string RelativePath, long SizeBytes, string Sha256);
