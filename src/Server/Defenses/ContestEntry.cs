using Contest.Contracts.V1;

namespace Contest.Server.Defenses;

/// <summary>
/// Which defenses are in the contest: not withdrawn, and either eligible (they passed the hidden split
/// and have a calibrated threshold) or staked by the organizers. Only these can be attacked, and only
/// these are scored against accepted attack images.
/// </summary>
internal static class ContestEntry
{
    public static bool IsInContest(DefenseRecord defense) =>
        defense.WithdrawnAt is null && (defense.Eligibility.Status == EligibilityStatus.Eligible || defense.Stake.Staked);
}
