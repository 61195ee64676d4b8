using Contest.Contracts.V1;
using Contest.Server.Storage;
using Contest.Server.Storage.Records;

namespace Contest.Server.Contest;

/// <summary>A valid attack image that fooled a defense.</summary>
internal sealed record BreakEntry(AttackRecord Attack, DefenseRecord Defense, bool FirstBreak);

/// <summary>
/// Decides which defenses are broken, from published rounds only: a staked defense is broken by the
/// earliest valid attack submitted after it was staked on which it made a confident mistake. Recomputed
/// whenever validity changes (publication, an overrule, an upheld appeal), so it is never stale.
/// </summary>
internal sealed class BreakBook(ContestDatabase db)
{
    /// <summary>Valid attacks of published rounds on which this defense made a confident mistake, oldest first.</summary>
    public IReadOnlyList<AttackRecord> ValidBreaksOf(string defenseId)
    {
        var published = PublishedRounds();
        return db.Attacks.Find(a => a.Status == AttackStatus.Valid)
            .Where(a => published.Contains(a.RoundId) && a.Verdicts.Any(v => v.DefenseId == defenseId && v.Candidate))
            .OrderBy(a => a.SubmittedAt)
            .ToList();
    }

    /// <summary>Sets or clears the defense's break from the current records; call inside a write. True when it changed.</summary>
    public bool Recompute(DefenseRecord defense)
    {
        if (!defense.Stake.Staked || defense.Stake.StakedAt is not { } stakedAt)
            return false;
        var first = ValidBreaksOf(defense.Id).FirstOrDefault(a => a.SubmittedAt >= stakedAt);
        var before = defense.Stake.BrokenByAttackId;
        defense.Stake.BrokenAt = first?.SubmittedAt;
        defense.Stake.BrokenByAttackId = first?.Id ?? "";
        defense.Stake.BrokenInRoundId = first?.RoundId ?? "";
        db.Defenses.Update(defense);
        return before != defense.Stake.BrokenByAttackId;
    }

    /// <summary>Every break in one round, with whether it is the first break of a staked, unbroken defense.</summary>
    public IReadOnlyList<BreakEntry> BreaksIn(string roundId)
    {
        var entries = new List<BreakEntry>();
        foreach (var attack in db.Attacks.Find(a => a.RoundId == roundId && a.Status == AttackStatus.Valid).OrderBy(a => a.SubmittedAt))
        {
            foreach (var verdict in attack.Verdicts.Where(v => v.Candidate))
            {
                if (db.Defenses.FindById(verdict.DefenseId) is { } defense)
                    entries.Add(new BreakEntry(attack, defense, defense.Stake.BrokenByAttackId == attack.Id));
            }
        }
        return entries;
    }

    private HashSet<string> PublishedRounds() =>
        db.Rounds.Find(r => r.Status == RoundStatus.Published).Select(r => r.Id).ToHashSet();
}
