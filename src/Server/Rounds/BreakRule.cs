using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Defenses;

namespace Contest.Server.Rounds;

/// <summary>
/// When a defense counts as broken: a valid attack image (reviews in, or overruled valid) from a
/// published round, on which the defense made a confident mistake. A staked defense is broken by the
/// earliest such image submitted at or after it was staked; images of unpublished rounds never count,
/// and an upheld appeal (which makes the image invalid) takes the break back.
/// </summary>
internal static class BreakRule
{
    /// <summary>Whether <paramref name="attack"/> breaks the defense, given which rounds are published.</summary>
    public static bool Breaks(AttackRecord attack, string defenseId, IReadOnlySet<string> publishedRounds) =>
        attack.Status == AttackStatus.Valid
        && publishedRounds.Contains(attack.RoundId)
        && attack.Verdicts.Any(v => v.DefenseId == defenseId && v.Candidate);

    /// <summary>The break that ends a stake: the earliest of <paramref name="breaks"/> submitted since staking; null while unbroken or not staked.</summary>
    public static AttackRecord? FirstBreak(StakeState stake, IEnumerable<AttackRecord> breaks) =>
        stake is { Staked: true, StakedAt: { } stakedAt }
            ? breaks.Where(a => a.SubmittedAt >= stakedAt).OrderBy(a => a.SubmittedAt).FirstOrDefault()
            : null;
}
