using Contest.Server.Jobs;
using Grpc.Core;

namespace Contest.Server.Attacks;

/// <summary>
/// Ends the wait for verdicts that are past their deadline: cancelling a verdict job settles its
/// attack (a cancelled verdict is the infrastructure's failure and never counts against the defense).
/// </summary>
internal sealed class OverdueVerdicts(AttackStore attacks, JobStore jobs, IJobQueue queue, TimeProvider clock)
{
    /// <summary>The reason a verdict job cancelled at its deadline gives.</summary>
    public const string Reason = "no verdict in time";

    /// <summary>Cancels the outstanding verdicts of every attack past its deadline; returns how many attacks.</summary>
    public int CancelPastDeadline()
    {
        var overdue = attacks.PastVerdictDeadline(clock.GetUtcNow().UtcDateTime);
        foreach (var attack in overdue)
            Cancel(attack.Id);
        return overdue.Count;
    }

    /// <summary>Cancels the attack's verdict jobs that have not finished.</summary>
    public void Cancel(string attackId)
    {
        foreach (var job in jobs.VerdictsOf(attackId).Where(j => !j.IsFinished))
        {
            try
            {
                queue.Cancel(job.Id, Reason);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
                // It finished meanwhile.
            }
        }
    }
}
