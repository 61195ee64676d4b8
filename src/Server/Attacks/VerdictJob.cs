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
    /// <summary>What the attacker reads when a defense failed on the image; the details go to the defense's team.</summary>
    public const string DefenseFailure = "the defense failed on this image (it raised, gave malformed output or ran past a limit) instead of answering or abstaining";

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
        var attack = attacks.Find(job.AttackId);
        var defense = defenses.Find(job.DefenseId);
        if (attack is null || defense is null)
            return [];
        // The logits are the model's: malformed ones are the defense's failure, not the worker's.
        if (VerdictRule.Malformed(outcome.Logits) is { } malformed)
        {
            RecordFailure(job, attack, defense, malformed);
            return [];
        }
        attacks.RecordScore(attack.Id, defense.Id, outcome.Logits, clock.GetUtcNow().UtcDateTime);
        if (IsOpenTarget(attack, defense.Id))
        {
            attack.Verdicts.Add(VerdictRule.Judge(defense.Id, job.Id, outcome.Logits, defense.ThresholdInForce(), attack.ClaimedLabel));
            Settle(attack);
        }
        return [];
    }

    public void OnFailed(JobRecord job, string reason)
    {
        var attack = attacks.Find(job.AttackId);
        if (attack is null)
            return;
        if (job is { Status: JobStatus.Failed, FailedByDefense: true } && defenses.Find(job.DefenseId) is { } defense)
        {
            RecordFailure(job, attack, defense, DefenseFailure);
            return;
        }
        if (!IsOpenTarget(attack, job.DefenseId))
            return;
        // The attack's record is the attacker's: the category only, never what the defense's model said.
        attack.VerdictFailures.Add($"{job.DefenseId}: {JobMapping.ReasonFor(job, JobView.Outsider)}");
        Settle(attack);
    }

    /// <summary>
    /// The defense failed on the image: it neither answered nor abstained, so for a target the image
    /// is a would-be confident mistake (and goes to review); for scoring, the matrix counts it as fooled.
    /// </summary>
    private void RecordFailure(JobRecord job, AttackRecord attack, DefenseRecord defense, string failure)
    {
        attacks.RecordFailure(attack.Id, defense.Id, failure, clock.GetUtcNow().UtcDateTime);
        if (!IsOpenTarget(attack, defense.Id))
            return;
        attack.Verdicts.Add(VerdictRule.Failed(defense.Id, job.Id, defense.ThresholdInForce(), failure));
        Settle(attack);
    }

    // A target of the submission that has no verdict yet (a repeat never counts twice).
    private static bool IsOpenTarget(AttackRecord attack, string defenseId) =>
        attack.TargetDefenseIds.Contains(defenseId) && attack.Verdicts.All(v => v.DefenseId != defenseId);

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
            // No defense answered or failed on the image (the infrastructure could not run any): the
            // submission did not happen and does not count.
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
