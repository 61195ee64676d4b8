namespace Contest.Server.Infrastructure.Backups;

/// <summary>What a finished backup holds.</summary>
internal sealed record BackupSummary(DateTimeOffset CreatedAt, string Kind, int Records, int Blobs);
