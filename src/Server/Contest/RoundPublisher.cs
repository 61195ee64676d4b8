using Contest.Contracts.V1;
using Contest.Server.Jobs;
using Contest.Server.Storage;
using Contest.Server.Storage.Records;

namespace Contest.Server.Contest;

/// <summary>
/// Publishes closed rounds once every candidate image in them has been decided: breaks are computed,
/// accepted images are queued for scoring against every eligible defense (the attack x defense
/// matrix), and everyone watching is told.
/// </summary>
internal sealed class RoundPublisher(ContestDatabase db, RoundBook rounds, BreakBook breaks, JobQueue queue, NotificationHub hub, TimeProvider clock)
{
    /// <summary>Closes rounds whose time has come and publishes those ready; returns what happened for notifications.</summary>
    public void Advance()
    {
        var (closed, published, newlyBroken) = db.Write(() =>
        {
            var closed = rounds.CloseDue();
            var published = new List<RoundRecord>();
            var broken = new List<DefenseRecord>();
            foreach (var round in db.Rounds.Find(r => r.Status == RoundStatus.Reviewing).OrderBy(r => r.Number).ToList())
            {
                if (db.Attacks.Exists(a => a.RoundId == round.Id && (a.Status == AttackStatus.InReview || a.VerdictsPending > 0)))
                    continue;
                round.Status = RoundStatus.Published;
                round.PublishedAt = clock.GetUtcNow().UtcDateTime;
                db.Rounds.Update(round);
                published.Add(round);
                broken.AddRange(RecomputeDefensesTouchedBy(round.Id));
                QueueMatrixScoring(round.Id);
            }
            return (closed, published, broken);
        });
        foreach (var round in closed)
            hub.ToAll(NotificationKind.RoundClosed, $"round {round.Number} closed; its images are being reviewed.", roundId: round.Id);
        foreach (var round in published)
            hub.ToAll(NotificationKind.RoundPublished, $"round {round.Number} results are published.", roundId: round.Id);
        foreach (var defense in newlyBroken)
            hub.ToTeam(defense.TeamId, NotificationKind.Break, $"defense '{defense.Name}' was broken by attack {defense.Stake.BrokenByAttackId}.",
                attackId: defense.Stake.BrokenByAttackId, defenseId: defense.Id);
    }

    /// <summary>Recomputes the breaks of every defense with a confident mistake in the round; returns those newly broken.</summary>
    public List<DefenseRecord> RecomputeDefensesTouchedBy(string roundId)
    {
        var changed = new List<DefenseRecord>();
        var defenseIds = db.Attacks.Find(a => a.RoundId == roundId)
            .SelectMany(a => a.Verdicts.Where(v => v.Candidate).Select(v => v.DefenseId))
            .Distinct();
        foreach (var id in defenseIds)
        {
            if (db.Defenses.FindById(id) is { } defense && breaks.Recompute(defense) && defense.Stake.BrokenByAttackId.Length > 0)
                changed.Add(defense);
        }
        return changed;
    }

    private void QueueMatrixScoring(string roundId)
    {
        var eligible = db.Defenses.Find(d => d.WithdrawnAt == null)
            .Where(d => d.Eligibility.Status == EligibilityStatus.Eligible || d.Stake.Staked)
            .ToList();
        foreach (var attack in db.Attacks.Find(a => a.RoundId == roundId && a.Status == AttackStatus.Valid))
        {
            foreach (var defense in eligible)
            {
                if (db.Scores.FindById(ScoreRecord.IdOf(attack.Id, defense.Id)) is null)
                    queue.Enqueue(new JobRecord { Kind = JobKind.Verdict, AttackId = attack.Id, DefenseId = defense.Id, TeamId = attack.TeamId, Priority = 20 });
            }
        }
    }
}
