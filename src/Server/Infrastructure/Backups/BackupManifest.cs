namespace Contest.Server.Infrastructure.Backups;

/// <summary>
/// manifest.json, the last entry of a backup archive: what it holds and the SHA-256 of every other
/// entry, checked before anything is restored from it.
/// </summary>
internal sealed record BackupManifest
{
    public const int CurrentFormat = 1;
    public const string EntryName = "manifest.json";

    public int Format { get; init; } = CurrentFormat;

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>"full" (records, blobs, keys, seed) or "records" (the automatic copies: no blobs).</summary>
    public string Kind { get; init; } = BackupKinds.Full;

    /// <summary>Records per collection at the moment of the copy.</summary>
    public IReadOnlyDictionary<string, int> Records { get; init; } = new Dictionary<string, int>();

    public int BlobCount { get; init; }

    public IReadOnlyList<BackupFile> Files { get; init; } = [];
}
