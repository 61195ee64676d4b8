using Contest.Server.Attacks;
using Contest.Server.Defenses;

namespace Contest.Server.Rounds;

/// <summary>A valid attack image that fooled a defense (or on which the defense failed, <paramref name="ByFailure"/>).</summary>
internal sealed record BreakEntry(AttackRecord Attack, DefenseRecord Defense, bool FirstBreak, bool ByFailure);

/// <summary>
/// Applies the <see cref="BreakRule"/> to the records: which defenses are broken, and by what.
/// Recomputed whenever validity changes (publication, an overrule, an upheld appeal), so it is never
/// stale. Call the changing methods inside a write.
/// </summary>
internal sealed class BreakBook(RoundStore rounds, AttackStore attacks, DefenseStore defenses)
{
    /// <summary>Valid images of published rounds on which this defense made a confident mistake, oldest first.</summary>
    public IReadOnlyList<AttackRecord> ValidBreaksOf(string defenseId)
    {
        var published = rounds.PublishedIds();
        return [.. attacks.Valid(published).Where(a => BreakRule.Breaks(a, defenseId, published))];
    }

    /// <summary>Sets or clears the defense's break from the current records. True when it changed.</summary>
    public bool Recompute(DefenseRecord defense)
    {
        if (!defense.Stake.Staked)
            return false;
        var first = BreakRule.FirstBreak(defense.Stake, ValidBreaksOf(defense.Id));
        var before = defense.Stake.BrokenByAttackId;
        defense.Stake.BrokenAt = first?.SubmittedAt;
        defense.Stake.BrokenByAttackId = first?.Id ?? "";
        defense.Stake.BrokenInRoundId = first?.RoundId ?? "";
        defenses.Update(defense);
        return before != defense.Stake.BrokenByAttackId;
    }

    /// <summary>Every break in one round, with whether it is the first break of a staked defense.</summary>
    public IReadOnlyList<BreakEntry> BreaksIn(string roundId)
    {
        var entries = new List<BreakEntry>();
        foreach (var attack in attacks.InRound(roundId).Where(a => a.Status == Contracts.V1.AttackStatus.Valid))
        {
            foreach (var verdict in attack.Verdicts.Where(v => v.Candidate))
            {
                if (defenses.Find(verdict.DefenseId) is { } defense)
                    entries.Add(new BreakEntry(attack, defense, defense.Stake.BrokenByAttackId == attack.Id, verdict.DefenseFailed));
            }
        }
        return entries;
    }
}
