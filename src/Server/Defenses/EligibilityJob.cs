using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Core;
using Contest.Core.Metrics;
using Contest.Server.Datasets;
using Contest.Server.Infrastructure;
using Contest.Server.Jobs;
using Microsoft.Extensions.Options;

namespace Contest.Server.Defenses;

/// <summary>
/// Judges eligibility from the logits a worker computed on the hidden split, with the labels taken
/// from the server's own catalog (never from the worker), and fixes the defense's abstain threshold,
/// which must answer at least <see cref="DefenseOptions.MinCleanCoverage"/> of the clean images.
/// </summary>
internal sealed class EligibilityJob(
    DefenseStore defenses,
    IDatasetCatalog catalog,
    IEarlierAttacks earlierAttacks,
    IBaselineFollowUp baselines,
    TimeProvider clock,
    IOptions<DefenseOptions> options)
    : IJobKindHandler
{
    public JobKind Kind => JobKind.Eligibility;

    public void DescribeInputs(JobRecord job, JobSpec spec)
    {
        if (defenses.Find(job.DefenseId) is { } defense)
            spec.Defense = defense.ToSpec();
        spec.PriorAttacks.AddRange(earlierAttacks.Valid().Select(p => new PriorAttack
        {
            AttackId = p.AttackId,
            ImageSha256 = p.ImageSha256,
            Label = p.Label.ToLabel(),
        }));
    }

    public void OnStarted(JobRecord job) => defenses.Update(job.DefenseId, d =>
    {
        d.Eligibility.Status = EligibilityStatus.Pending;
        d.Eligibility.JobId = job.Id;
    });

    public IReadOnlyList<JobRecord> OnSucceeded(JobRecord job, CompleteJobRequest result)
    {
        var outcome = result.Eligibility ?? throw RpcErrors.InvalidArgument("an eligibility job must complete with an eligibility outcome.");
        var (logits, labels) = HiddenSplitScores(outcome);
        var (priorLogits, priorLabels) = EarlierAttackScores(job, outcome);
        defenses.Update(job.DefenseId, d =>
        {
            var judgement = EligibilityJudgement.Judge(logits, labels, d.DeclaredThreshold, priorLogits, priorLabels, options.Value.MinCleanCoverage);
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
        FollowUpBaseline(job.DefenseId);
        return [];
    }

    public void OnFailed(JobRecord job, string reason)
    {
        defenses.Update(job.DefenseId, d =>
        {
            d.Eligibility.Status = EligibilityStatus.Ineligible;
            d.Eligibility.Reason = $"eligibility could not be judged: {reason}";
            d.Eligibility.ModelMessage = job.ModelMessage;
            d.Eligibility.JobId = job.Id;
            d.Eligibility.FinishedAt = clock.GetUtcNow().UtcDateTime;
        });
        FollowUpBaseline(job.DefenseId);
    }

    /// <summary>A baseline is measured whether or not it is eligible: ineligibility ends nothing for it.</summary>
    private void FollowUpBaseline(string defenseId)
    {
        if (defenses.Find(defenseId) is { Baseline: true, WithdrawnAt: null } baseline)
            baselines.EligibilitySettled(baseline);
    }

    /// <summary>The worker's logits on every image of the hidden split, with the server's labels.</summary>
    private (List<Logits> Logits, List<ClassLabel> Labels) HiddenSplitScores(EligibilityOutcome outcome)
    {
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
        return (logits, labels);
    }

    /// <summary>The worker's logits on every earlier valid attack image (also recorded for the matrix).</summary>
    private (List<Logits> Logits, List<ClassLabel> Labels) EarlierAttackScores(JobRecord job, EligibilityOutcome outcome)
    {
        var scored = outcome.PriorAttacks.ToDictionary(p => p.AttackId);
        var logits = new List<Logits>();
        var labels = new List<ClassLabel>();
        foreach (var attack in earlierAttacks.Valid())
        {
            if (!scored.TryGetValue(attack.AttackId, out var score))
                throw RpcErrors.InvalidArgument($"the result lacks earlier adversarial image {attack.AttackId}.");
            logits.Add(Logits.From(score.Logits));
            labels.Add(attack.Label);
            earlierAttacks.RecordScore(attack.AttackId, job.DefenseId, score.Logits);
        }
        return (logits, labels);
    }
}
