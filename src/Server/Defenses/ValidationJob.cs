using Contest.Contracts.V1;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Microsoft.Extensions.Options;

namespace Contest.Server.Defenses;

/// <summary>Validation decides whether a defense runs as the contract demands; passing queues its eligibility run.</summary>
internal sealed class ValidationJob(DefenseStore defenses, TimeProvider clock, IOptions<DefenseOptions> options) : IJobKindHandler
{
    public JobKind Kind => JobKind.Validate;

    public void DescribeInputs(JobRecord job, JobSpec spec)
    {
        spec.MinImagesPerSecond = options.Value.MinThroughput;
        if (defenses.Find(job.DefenseId) is { } defense)
            spec.Defense = defense.ToSpec();
    }

    public void OnStarted(JobRecord job) => defenses.Update(job.DefenseId, d =>
    {
        d.Validation.Status = ValidationStatus.Running;
        d.Validation.JobId = job.Id;
    });

    public IReadOnlyList<JobRecord> OnSucceeded(JobRecord job, CompleteJobRequest result)
    {
        var outcome = result.Validation ?? throw RpcErrors.InvalidArgument("a validation job must complete with a validation outcome.");
        // The eligibility job's id is known now, so the defense shows which job will judge it.
        var eligibility = new JobRecord { Id = Ids.New("job"), Kind = JobKind.Eligibility, DefenseId = job.DefenseId, TeamId = job.TeamId };
        defenses.Update(job.DefenseId, d =>
        {
            d.Validation = new ValidationState
            {
                Status = outcome.Passed ? ValidationStatus.Passed : ValidationStatus.Failed,
                Reason = outcome.Reason,
                ModelMessage = outcome.ModelMessage,
                ImagesPerSecond = outcome.ImagesPerSecond,
                Device = outcome.Device,
                JobId = job.Id,
                FinishedAt = clock.GetUtcNow().UtcDateTime,
                Differentiable = outcome.Differentiable,
                BestBatchSize = outcome.BestBatchSize,
                Checks = [.. outcome.Checks.Select(c => new CheckState { Name = c.Name, Passed = c.Passed, Detail = c.Detail })],
            };
            if (outcome.Passed)
                d.Eligibility = new EligibilityState { Status = EligibilityStatus.Pending, JobId = eligibility.Id };
        });
        return outcome.Passed ? [eligibility] : [];
    }

    public void OnFailed(JobRecord job, string reason) => defenses.Update(job.DefenseId, d =>
    {
        d.Validation.Status = ValidationStatus.Failed;
        d.Validation.Reason = reason;
        d.Validation.ModelMessage = job.ModelMessage;
        d.Validation.JobId = job.Id;
        d.Validation.FinishedAt = clock.GetUtcNow().UtcDateTime;
    });
}
