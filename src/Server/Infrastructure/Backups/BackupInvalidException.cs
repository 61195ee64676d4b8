namespace Contest.Server.Infrastructure.Backups;

/// <summary>A backup archive that cannot be used as it is (damaged, incomplete, or not a backup); the message says why.</summary>
internal sealed class BackupInvalidException(string message) : Exception(message);
