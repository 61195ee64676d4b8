namespace Contest.Server.Datasets;

/// <summary>
/// Where the server's dataset lives: the synthetic set generated into the data directory, or a real
/// bird-or-bicycle copy given by path (either its root holding a version folder such as 0.0.4, or the
/// version folder itself).
/// </summary>
internal static class DatasetLocation
{
    public const string Synthetic = "synthetic";

    public static bool IsSynthetic(string dataset) => string.Equals(dataset.Trim(), Synthetic, StringComparison.OrdinalIgnoreCase);

    /// <summary>The folder of the synthetic set inside the data directory.</summary>
    public static string SyntheticRoot(string dataDirectory) => Path.Combine(dataDirectory, "datasets", Synthetic);

    /// <summary>The version folder (the one holding train/test/...) under a dataset root, or null.</summary>
    public static string? VersionDirectory(string root)
    {
        if (!Directory.Exists(root))
            return null;
        if (LooksLikeVersion(root))
            return Path.GetFullPath(root);
        return Directory.EnumerateDirectories(root).Where(LooksLikeVersion).Order(StringComparer.Ordinal).LastOrDefault();
    }

    private static bool LooksLikeVersion(string directory) =>
        Directory.Exists(Path.Combine(directory, "train")) || Directory.Exists(Path.Combine(directory, "test"));
}
