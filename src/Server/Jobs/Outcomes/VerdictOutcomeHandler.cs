using Contest.Contracts.V1;
using Contest.Server.Contest;
using Contest.Server.Errors;
using Contest.Server.Storage;
using Contest.Server.Storage.Records;

namespace Contest.Server.Jobs.Outcomes;

/// <summary>
/// Records a defense's logits on an attack image. Verdicts for the submission's own targets decide
/// its status once all are in (a would-be confident mistake sends it to review); verdicts that score
/// an accepted image against other defenses only fill the attack x defense matrix.
/// </summary>
internal sealed class VerdictOutcomeHandler(ContestDatabase db, TimeProvider clock) : IJobOutcomeHandler
{
    public JobKind Kind => JobKind.Verdict;

    public void OnStarted(JobRecord job)
    {
    }

    public IReadOnlyList<JobRecord> OnSucceeded(JobRecord job, CompleteJobRequest result)
    {
        var outcome = result.Verdict ?? throw RpcErrors.InvalidArgument("a verdict job must complete with logits.");
        if (outcome.Logits.Count != 2 || outcome.Logits.Any(l => !float.IsFinite(l)))
            throw RpcErrors.InvalidArgument("a verdict needs two finite logits [bicycle, bird].");
        var attack = db.Attacks.FindById(job.AttackId);
        var defense = db.Defenses.FindById(job.DefenseId);
        if (attack is null || defense is null)
            return [];
        db.Scores.Upsert(new ScoreRecord
        {
            Id = ScoreRecord.IdOf(attack.Id, defense.Id),
            AttackId = attack.Id,
            DefenseId = defense.Id,
            Logits = [.. outcome.Logits],
            ScoredAt = clock.GetUtcNow().UtcDateTime,
        });
        if (attack.TargetDefenseIds.Contains(defense.Id) && attack.Verdicts.All(v => v.DefenseId != defense.Id))
        {
            attack.Verdicts.Add(VerdictMath.Judge(defense.Id, job.Id, outcome.Logits, VerdictMath.ThresholdOf(defense), attack.ClaimedLabel));
            Settle(attack);
        }
        return [];
    }

    public void OnFailed(JobRecord job, string reason)
    {
        var attack = db.Attacks.FindById(job.AttackId);
        if (attack is null || !attack.TargetDefenseIds.Contains(job.DefenseId))
            return;
        attack.VerdictFailures.Add($"{job.DefenseId}: {reason}");
        Settle(attack);
    }

    /// <summary>Counts a finished verdict; with all in, decides the status (or voids a submission with no verdict).</summary>
    private void Settle(AttackRecord attack)
    {
        attack.VerdictsPending = Math.Max(0, attack.VerdictsPending - 1);
        if (attack.VerdictsPending > 0)
        {
            db.Attacks.Update(attack);
            return;
        }
        if (attack.Verdicts.Count == 0)
        {
            // No defense could answer: the submission did not happen and does not count.
            db.Attacks.Delete(attack.Id);
            return;
        }
        attack.Status = attack.Verdicts.Any(v => v.Candidate) ? AttackStatus.InReview : AttackStatus.NotCandidate;
        db.Attacks.Update(attack);
    }
}
