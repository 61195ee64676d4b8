namespace Contest.Server.Quotas;

/// <summary>Per-team limits on shared resources (bound from the "Contest" section); organizers are exempt.</summary>
internal sealed class LimitOptions
{
    /// <summary>Defense uploads a team may make per UTC day (each queues a validation and an eligibility run).</summary>
    public int DailyDefenseUploads { get; init; } = 10;

    /// <summary>Evaluations a team may have queued or running at once.</summary>
    public int MaxTeamEvaluations { get; init; } = 2;

    /// <summary>Bytes a team may have stored: its defense models, attack images and the artifacts of its jobs.</summary>
    public long MaxTeamBytes { get; init; } = 5L << 30;
}
