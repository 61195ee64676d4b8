using Contest.Server.Auth;
using Contest.Server.Infrastructure;
using Contest.Server.Jobs;

namespace Contest.Server.Workers;

/// <summary>
/// Who may act on a lease: a worker registered by the caller's team, while the lease is current.
/// Organizers are no exception: a lease belongs to the worker that took it.
/// </summary>
internal sealed class LeaseGuard(JobQueue queue, WorkerRegistry workers)
{
    private const string NotYours =
        "this lease is held by a worker of another team; a worker may act only on the jobs its own team leased.";

    /// <summary>
    /// The running job held under the lease, or null when the lease is not current (finished, cancelled,
    /// handed on). Throws PermissionDenied, saying nothing of the job, when another team's worker holds it.
    /// </summary>
    public JobRecord? Current(string leaseId, Caller caller)
    {
        var job = queue.CurrentLease(leaseId);
        if (job is null)
            return null;
        if (workers.Find(job.WorkerId)?.TeamId != caller.TeamId)
            throw RpcErrors.PermissionDenied(NotYours);
        return job;
    }

    /// <summary>The job held under the lease; FailedPrecondition when the lease is no longer current.</summary>
    public JobRecord Held(string leaseId, Caller caller) =>
        Current(leaseId, caller) ?? throw RpcErrors.FailedPrecondition("this lease is no longer current.");
}
