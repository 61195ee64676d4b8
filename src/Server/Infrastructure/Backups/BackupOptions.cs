namespace Contest.Server.Infrastructure.Backups;

/// <summary>The server's automatic copies of its records in &lt;data&gt;/backups (bound from the "Contest" section).</summary>
internal sealed class BackupOptions
{
    /// <summary>How many automatic copies to keep (newest first); 0 turns them off.</summary>
    public int BackupsToKeep { get; init; } = 5;
}
