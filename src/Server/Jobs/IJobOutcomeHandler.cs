using Contest.Contracts.V1;
using Contest.Server.Storage.Records;

namespace Contest.Server.Jobs;

/// <summary>
/// What finishing a job of one kind means for the rest of the contest (a defense's validation
/// result, its eligibility, an attack's verdict...). Called inside the job's write transaction, so
/// the side effects land exactly once, together with the job's new state.
/// </summary>
internal interface IJobOutcomeHandler
{
    JobKind Kind { get; }

    /// <summary>A worker leased the job.</summary>
    void OnStarted(JobRecord job);

    /// <summary>
    /// The worker's result, accepted. Returns jobs to queue next (validation leads to eligibility).
    /// May throw an RpcException to reject a malformed result.
    /// </summary>
    IReadOnlyList<JobRecord> OnSucceeded(JobRecord job, CompleteJobRequest result);

    /// <summary>The job failed for good (or was cancelled), with the reason.</summary>
    void OnFailed(JobRecord job, string reason);
}
