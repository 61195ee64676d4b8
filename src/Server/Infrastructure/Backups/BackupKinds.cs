namespace Contest.Server.Infrastructure.Backups;

/// <summary>What a backup archive holds.</summary>
internal static class BackupKinds
{
    /// <summary>Records, every blob they name, organizer.key and the dataset's private seed: enough to restore.</summary>
    public const string Full = "full";

    /// <summary>Records, organizer.key and the seed without blobs: the server's own copies, for recovering contest.db.</summary>
    public const string Records = "records";
}
