using System.Text.RegularExpressions;

namespace Contest.Server.Infrastructure.Backups;

/// <summary>The paths a backup archive may hold (relative to the data directory, '/'-separated); nothing else is ever written.</summary>
internal static partial class BackupPaths
{
    public const string Database = "contest.db";
    public const string OrganizerKey = "organizer.key";
    public const string EligibilitySeed = "datasets/synthetic/eligibility.seed";

    public static string Blob(string sha256) => $"blobs/sha256/{sha256[..2]}/{sha256}";

    /// <summary>True for the files a backup is made of; an archive with any other entry is refused.</summary>
    public static bool IsAllowed(string path) =>
        path is Database or OrganizerKey or EligibilitySeed or BackupManifest.EntryName || BlobPath().IsMatch(path);

    [GeneratedRegex("^blobs/sha256/([0-9a-f]{2})/\\1[0-9a-f]{62}$", RegexOptions.CultureInvariant)]
    private static partial Regex BlobPath();
}
