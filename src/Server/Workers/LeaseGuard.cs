using Contest.Server.Auth;
using Contest.Server.Infrastructure;
using Contest.Server.Jobs;

namespace Contest.Server.Workers;

/// <summary>
/// Who may act on a lease: the worker that took it, known by the key it registered with, while the
/// lease is current. Another key of the same team (another worker host) holds nothing, and neither
/// do organizers: a lease belongs to the worker that took it.
/// </summary>
internal sealed class LeaseGuard(JobQueue queue, WorkerRegistry workers)
{
    private const string NotYours =
        "this lease is held by another worker; a worker may act only on the jobs it leased itself, with the key it registered with.";

    /// <summary>
    /// The running job held under the lease, or null when the lease is not current (finished, cancelled,
    /// handed on). Throws PermissionDenied, saying nothing of the job, when another worker holds it.
    /// </summary>
    public JobRecord? Current(string leaseId, Caller caller)
    {
        var job = queue.CurrentLease(leaseId);
        if (job is null)
            return null;
        if (workers.Find(job.WorkerId)?.RegisteredBy(caller) != true)
            throw RpcErrors.PermissionDenied(NotYours);
        return job;
    }

    /// <summary>The job held under the lease; FailedPrecondition when the lease is no longer current.</summary>
    public JobRecord Held(string leaseId, Caller caller) =>
        Current(leaseId, caller) ?? throw RpcErrors.FailedPrecondition("this lease is no longer current.");
}
