using Contest.Contracts.V1;
using Contest.Server.Storage;
using Contest.Server.Storage.Records;

namespace Contest.Server.Jobs.Outcomes;

/// <summary>Validation decides whether a defense runs as the contract demands; passing queues eligibility.</summary>
internal sealed class ValidationOutcomeHandler(ContestDatabase db, TimeProvider clock) : IJobOutcomeHandler
{
    public JobKind Kind => JobKind.Validate;

    public void OnStarted(JobRecord job) => db.UpdateDefense(job.DefenseId, d =>
    {
        d.Validation.Status = ValidationStatus.Running;
        d.Validation.JobId = job.Id;
    });

    public IReadOnlyList<JobRecord> OnSucceeded(JobRecord job, CompleteJobRequest result)
    {
        var outcome = result.Validation ?? throw Errors.RpcErrors.InvalidArgument("a validation job must complete with a validation outcome.");
        var passed = false;
        db.UpdateDefense(job.DefenseId, d =>
        {
            d.Validation = new ValidationState
            {
                Status = outcome.Passed ? ValidationStatus.Passed : ValidationStatus.Failed,
                Reason = outcome.Reason,
                ImagesPerSecond = outcome.ImagesPerSecond,
                Device = outcome.Device,
                JobId = job.Id,
                FinishedAt = clock.GetUtcNow().UtcDateTime,
                Differentiable = outcome.Differentiable,
                BestBatchSize = outcome.BestBatchSize,
                Checks = outcome.Checks.Select(c => new CheckState { Name = c.Name, Passed = c.Passed, Detail = c.Detail }).ToList(),
            };
            if (outcome.Passed)
                d.Eligibility = new EligibilityState { Status = EligibilityStatus.Pending };
            passed = outcome.Passed;
        });
        return passed
            ? [new JobRecord { Kind = JobKind.Eligibility, DefenseId = job.DefenseId, TeamId = job.TeamId }]
            : [];
    }

    public void OnFailed(JobRecord job, string reason) => db.UpdateDefense(job.DefenseId, d =>
    {
        d.Validation.Status = ValidationStatus.Failed;
        d.Validation.Reason = reason;
        d.Validation.JobId = job.Id;
        d.Validation.FinishedAt = clock.GetUtcNow().UtcDateTime;
    });
}
