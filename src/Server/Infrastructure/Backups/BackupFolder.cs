namespace Contest.Server.Infrastructure.Backups;

/// <summary>&lt;data&gt;/backups: the server's automatic copies of its records (newest kept, older ones removed).</summary>
internal static class BackupFolder
{
    public const string Name = "backups";
    private const string Prefix = "contest-";
    private const string Extension = ".tar";

    public static string PathOf(string dataDirectory) => Path.Combine(dataDirectory, Name);

    /// <summary>The archives there, newest first (names sort by time).</summary>
    public static IReadOnlyList<string> Newest(string dataDirectory)
    {
        var folder = PathOf(dataDirectory);
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, Prefix + "*" + Extension).OrderDescending(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>A new archive's name for the moment <paramref name="at"/>.</summary>
    public static string NewPath(string dataDirectory, DateTimeOffset at) =>
        Path.Combine(PathOf(dataDirectory), $"{Prefix}{at.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}{Extension}");

    /// <summary>Removes all but the newest <paramref name="keep"/> archives; returns how many went.</summary>
    public static int Prune(string dataDirectory, int keep)
    {
        var removed = 0;
        foreach (var old in Newest(dataDirectory).Skip(Math.Max(keep, 1)))
        {
            File.Delete(old);
            removed++;
        }
        return removed;
    }

    /// <summary>"no backup was found in X" or "none of the N backups in X could be used", for error messages.</summary>
    public static string Describe(string dataDirectory)
    {
        var count = Newest(dataDirectory).Count;
        return count == 0
            ? $"no backup was found in {PathOf(dataDirectory)}"
            : $"none of the {count} backups in {PathOf(dataDirectory)} could be used";
    }
}
