namespace Contest.Server.Defenses;

/// <summary>
/// The contest's prize rule: a staked defense that stays unbroken for 90 whole days is a winner
/// candidate. Days count from staking to its first valid break, or to now while unbroken.
/// </summary>
internal static class WinnerRule
{
    /// <summary>Whole days unbroken after which a staked defense is a winner candidate.</summary>
    public const int WinningDays = 90;

    /// <summary>Whole days the defense stood: from staking to its break, or to <paramref name="now"/>.</summary>
    public static int DaysUnbroken(DateTime stakedAt, DateTime? brokenAt, DateTime now) =>
        (int)Math.Max(0, Math.Floor(((brokenAt ?? now) - stakedAt).TotalDays));

    /// <summary>Unbroken, and for at least <see cref="WinningDays"/> days.</summary>
    public static bool IsWinnerCandidate(DateTime stakedAt, DateTime? brokenAt, DateTime now) =>
        brokenAt is null && DaysUnbroken(stakedAt, brokenAt, now) >= WinningDays;
}
