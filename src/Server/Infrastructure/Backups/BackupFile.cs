namespace Contest.Server.Infrastructure.Backups;

/// <summary>One entry of a backup archive: its path in the data directory, its SHA-256 and size.</summary>
internal sealed record BackupFile(string Path, string Sha256, long Bytes);
