namespace Contest.Server.Attacks;

/// <summary>Attack submissions (bound from the "Contest" section).</summary>
internal sealed class AttackOptions
{
    /// <summary>Attack images a team may submit per UTC day.</summary>
    public int DailyAttackQuota { get; init; } = 10;
}
