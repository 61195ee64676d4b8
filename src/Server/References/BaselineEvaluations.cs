using Contest.Contracts.V1;
using Contest.Core.Rules;
using Contest.Server.Defenses;
using Contest.Server.Evaluations;
using Contest.Server.Jobs;

namespace Contest.Server.References;

/// <summary>
/// Once a baseline's eligibility is settled (eligible or not), queues its quick warm-up evaluation as
/// an organizer's evaluation would be queued, and records the job on the reference model. Once per
/// baseline.
/// </summary>
internal sealed class BaselineEvaluations(ReferenceStore references, IServiceProvider services) : IBaselineFollowUp
{
    public void EligibilitySettled(DefenseRecord baseline)
    {
        var reference = references.OfDefense(baseline.Id);
        if (reference is null || reference.EvaluationJobId.Length > 0)
            return;
        var job = Queue.Enqueue(EvaluationRequest.NewJob(baseline.Id, baseline.TeamId, AttackSuites.Warmup, Profile.Quick, limit: 0));
        references.Update(reference.Id, r => r.EvaluationJobId = job.Id);
    }

    // The queue holds every job kind's handler, the eligibility handler that calls this port among
    // them: it is looked up when first needed, not injected (that would be a cycle).
    private IJobQueue Queue => services.GetRequiredService<IJobQueue>();
}
