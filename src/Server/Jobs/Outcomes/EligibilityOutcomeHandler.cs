using Contest.Contracts.V1;
using Contest.Core;
using Contest.Core.Metrics;
using Contest.Server.Datasets;
using Contest.Server.Errors;
using Contest.Server.Storage;
using Contest.Server.Storage.Records;

namespace Contest.Server.Jobs.Outcomes;

/// <summary>
/// Judges eligibility from the logits a worker computed on the hidden split, with the labels taken
/// from the server's own catalog (never from the worker), and fixes the defense's abstain threshold.
/// </summary>
internal sealed class EligibilityOutcomeHandler(ContestDatabase db, IDatasetCatalog catalog, IPriorAttackSource priorAttacks,
    TimeProvider clock) : IJobOutcomeHandler
{
    public JobKind Kind => JobKind.Eligibility;

    public void OnStarted(JobRecord job) => db.UpdateDefense(job.DefenseId, d =>
    {
        d.Eligibility.Status = EligibilityStatus.Pending;
        d.Eligibility.JobId = job.Id;
    });

    public IReadOnlyList<JobRecord> OnSucceeded(JobRecord job, CompleteJobRequest result)
    {
        var outcome = result.Eligibility ?? throw RpcErrors.InvalidArgument("an eligibility job must complete with an eligibility outcome.");
        var files = catalog.Files(IDatasetCatalog.HiddenSplit).ToDictionary(f => f.Id);
        if (outcome.Images.Count != files.Count)
            throw RpcErrors.InvalidArgument($"the eligibility split has {files.Count} images; the result covers {outcome.Images.Count}.");
        var logits = new List<Logits>(files.Count);
        var labels = new List<ClassLabel>(files.Count);
        foreach (var image in outcome.Images)
        {
            if (!files.TryGetValue(image.Id, out var file))
                throw RpcErrors.InvalidArgument($"image '{image.Id}' is not in the eligibility split.");
            logits.Add(Logits.From(image.Logits));
            labels.Add(file.Label);
        }

        var prior = priorAttacks.Valid();
        var priorById = outcome.PriorAttacks.ToDictionary(p => p.AttackId);
        var priorLogits = new List<Logits>();
        var priorLabels = new List<ClassLabel>();
        foreach (var attack in prior)
        {
            if (!priorById.TryGetValue(attack.AttackId, out var scored))
                throw RpcErrors.InvalidArgument($"the result lacks earlier adversarial image {attack.AttackId}.");
            priorLogits.Add(Logits.From(scored.Logits));
            priorLabels.Add(attack.Label);
            // These scores also fill the attack x defense matrix.
            db.Scores.Upsert(new ScoreRecord
            {
                Id = ScoreRecord.IdOf(attack.AttackId, job.DefenseId),
                AttackId = attack.AttackId,
                DefenseId = job.DefenseId,
                Logits = [.. scored.Logits],
                ScoredAt = clock.GetUtcNow().UtcDateTime,
            });
        }

        db.UpdateDefense(job.DefenseId, d =>
        {
            var judgement = EligibilityJudgement.Judge(logits, labels, d.DeclaredThreshold, priorLogits, priorLabels);
            d.Eligibility = new EligibilityState
            {
                Status = judgement.Eligible ? EligibilityStatus.Eligible : EligibilityStatus.Ineligible,
                Reason = judgement.Reason,
                Threshold = judgement.Threshold,
                AccuracyAt80 = judgement.Metrics.AccuracyAt80,
                AccuracyAt100 = judgement.Metrics.AccuracyAt100,
                ImagesPerSecond = d.Validation.ImagesPerSecond,
                Images = logits.Count,
                PriorAttacksChecked = judgement.PriorChecked,
                PriorAttacksFailed = judgement.PriorFailed,
                JobId = job.Id,
                FinishedAt = clock.GetUtcNow().UtcDateTime,
            };
        });
        return [];
    }

    public void OnFailed(JobRecord job, string reason) => db.UpdateDefense(job.DefenseId, d =>
    {
        d.Eligibility.Status = EligibilityStatus.Ineligible;
        d.Eligibility.Reason = $"eligibility could not be judged: {reason}";
        d.Eligibility.JobId = job.Id;
        d.Eligibility.FinishedAt = clock.GetUtcNow().UtcDateTime;
    });
}
