using Contest.Contracts.V1;
using Contest.Server.Defenses;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;

namespace Contest.Server.Attacks;

/// <summary>
/// Records a defense's logits on an attack image. Verdicts for the submission's own targets decide
/// its status once all are in (a would-be confident mistake sends it to review); verdicts that score
/// an accepted image against other defenses only fill the attack x defense matrix.
/// </summary>
internal sealed class VerdictJob(ContestDatabase db, AttackStore attacks, DefenseStore defenses, VerdictWaiters waiters, TimeProvider clock)
    : IJobKindHandler
{
    public JobKind Kind => JobKind.Verdict;

    public void DescribeInputs(JobRecord job, JobSpec spec)
    {
        if (defenses.Find(job.DefenseId) is { } defense)
            spec.Defense = defense.ToSpec();
        if (attacks.Find(job.AttackId) is { } attack)
            spec.Verdict = new VerdictSpec { AttackId = attack.Id, ImageSha256 = attack.ImageSha256, ClaimedLabel = attack.ClaimedLabel };
    }

    public void OnStarted(JobRecord job)
    {
    }

    public IReadOnlyList<JobRecord> OnSucceeded(JobRecord job, CompleteJobRequest result)
    {
        var outcome = result.Verdict ?? throw RpcErrors.InvalidArgument("a verdict job must complete with logits.");
        if (outcome.Logits.Count != 2 || outcome.Logits.Any(l => !float.IsFinite(l)))
            throw RpcErrors.InvalidArgument("a verdict needs two finite logits [bicycle, bird].");
        var attack = attacks.Find(job.AttackId);
        var defense = defenses.Find(job.DefenseId);
        if (attack is null || defense is null)
            return [];
        attacks.RecordScore(attack.Id, defense.Id, outcome.Logits, clock.GetUtcNow().UtcDateTime);
        if (attack.TargetDefenseIds.Contains(defense.Id) && attack.Verdicts.All(v => v.DefenseId != defense.Id))
        {
            attack.Verdicts.Add(VerdictRule.Judge(defense.Id, job.Id, outcome.Logits, defense.ThresholdInForce(), attack.ClaimedLabel));
            Settle(attack);
        }
        return [];
    }

    public void OnFailed(JobRecord job, string reason)
    {
        var attack = attacks.Find(job.AttackId);
        if (attack is null || !attack.TargetDefenseIds.Contains(job.DefenseId))
            return;
        // The attack's record is the attacker's: the category only, never what the defense's model said.
        attack.VerdictFailures.Add($"{job.DefenseId}: {JobMapping.ReasonFor(job, JobView.Outsider)}");
        Settle(attack);
    }

    /// <summary>Counts a finished verdict; with all in, decides the status (or voids a submission with no verdict).</summary>
    private void Settle(AttackRecord attack)
    {
        attack.VerdictsPending = Math.Max(0, attack.VerdictsPending - 1);
        if (attack.VerdictsPending > 0)
        {
            attacks.Update(attack);
            return;
        }
        if (attack.Verdicts.Count == 0)
        {
            // No defense could answer: the submission did not happen and does not count.
            attacks.Delete(attack.Id);
        }
        else
        {
            attack.Status = attack.Verdicts.Any(v => v.Candidate) ? AttackStatus.InReview : AttackStatus.NotCandidate;
            attacks.Update(attack);
        }
        var id = attack.Id;
        db.AfterCommit(() => waiters.Signal(id));
    }
}
