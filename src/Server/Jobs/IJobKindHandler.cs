using Contest.Contracts.V1;

namespace Contest.Server.Jobs;

/// <summary>
/// What one kind of job means to the feature that owns it (validation and eligibility to Defenses,
/// verdicts to Attacks, evaluations to Evaluations): what its worker needs, and what starting,
/// finishing or failing it changes. Called inside the job's write transaction, so the side effects
/// land exactly once, together with the job's new state.
/// </summary>
internal interface IJobKindHandler
{
    JobKind Kind { get; }

    /// <summary>Adds the job's inputs to its spec (the defense, an attack image, earlier attacks).</summary>
    void DescribeInputs(JobRecord job, JobSpec spec);

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
