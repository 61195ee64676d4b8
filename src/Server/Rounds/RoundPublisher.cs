using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Defenses;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Contest.Server.Notifications;
using Contest.Server.Review;

namespace Contest.Server.Rounds;

/// <summary>
/// Publishes closed rounds once every candidate image in them has been decided: breaks are computed,
/// accepted images are queued for scoring against every defense in the contest (the attack x defense
/// matrix), and everyone watching is told once the write commits.
/// </summary>
internal sealed class RoundPublisher(
    ContestDatabase db,
    RoundStore rounds,
    RoundBook book,
    BreakBook breaks,
    AttackStore attacks,
    DefenseStore defenses,
    IJobQueue queue,
    NotificationHub hub,
    TimeProvider clock) : IValidityListener
{
    /// <summary>Closes rounds whose time has come and publishes those whose images are all decided.</summary>
    public void Advance() => db.Write(() =>
    {
        foreach (var round in book.CloseDue())
        {
            var (id, number) = (round.Id, round.Number);
            db.AfterCommit(() => hub.ToAll(NotificationKind.RoundClosed, $"round {number} closed; its images are being reviewed.", roundId: id));
        }
        PublishReady();
    });

    /// <summary>An image was decided or overruled: its round's breaks change, and its round may be complete.</summary>
    public void ValidityChanged(AttackRecord attack)
    {
        RecomputeBreaksIn(attack.RoundId);
        PublishReady();
    }

    /// <summary>Recomputes the breaks of every defense with a confident mistake in the round, announcing new ones.</summary>
    public void RecomputeBreaksIn(string roundId)
    {
        var defenseIds = attacks.InRound(roundId)
            .SelectMany(a => a.Verdicts.Where(v => v.Candidate).Select(v => v.DefenseId))
            .Distinct();
        foreach (var id in defenseIds)
        {
            if (defenses.Find(id) is { } defense && breaks.Recompute(defense) && defense.Stake.BrokenByAttackId.Length > 0)
                AnnounceBreak(defense);
        }
    }

    private void PublishReady()
    {
        foreach (var round in rounds.Reviewing())
        {
            if (attacks.HasUndecided(round.Id))
                continue;
            round.Status = RoundStatus.Published;
            round.PublishedAt = clock.GetUtcNow().UtcDateTime;
            rounds.Update(round);
            var (id, number) = (round.Id, round.Number);
            db.AfterCommit(() => hub.ToAll(NotificationKind.RoundPublished, $"round {number} results are published.", roundId: id));
            RecomputeBreaksIn(round.Id);
            QueueMatrixScoring(round.Id);
        }
    }

    private void AnnounceBreak(DefenseRecord defense)
    {
        var (teamId, name, id, attackId) = (defense.TeamId, defense.Name, defense.Id, defense.Stake.BrokenByAttackId);
        db.AfterCommit(() => hub.ToTeam(teamId, NotificationKind.Break, $"defense '{name}' was broken by attack {attackId}.",
            attackId: attackId, defenseId: id));
    }

    private void QueueMatrixScoring(string roundId)
    {
        var inContest = defenses.InContest();
        foreach (var attack in attacks.InRound(roundId).Where(a => a.Status == AttackStatus.Valid))
        {
            foreach (var defense in inContest)
            {
                if (attacks.Score(attack.Id, defense.Id) is null)
                    queue.Enqueue(new JobRecord { Kind = JobKind.Verdict, AttackId = attack.Id, DefenseId = defense.Id, TeamId = attack.TeamId, Priority = 20 });
            }
        }
    }
}
