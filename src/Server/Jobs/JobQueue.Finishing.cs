using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Server.Infrastructure;

namespace Contest.Server.Jobs;

internal sealed partial class JobQueue
{
    /// <summary>
    /// Records a worker's result, once: only the current lease holder of a running job is heard;
    /// a repeat, or a result from a lease that lapsed, is refused without effect.
    /// </summary>
    public (bool Accepted, string Message) Complete(CompleteJobRequest request)
    {
        var (job, message) = _db.Write<(JobRecord?, string)>(() =>
        {
            var job = _jobs.RunningUnder(request.LeaseId);
            if (job is null)
                return (null, "result not recorded: this lease is no longer current (the job finished, was cancelled, or was handed to another worker).");
            var followUps = HandlerFor(job.Kind)?.OnSucceeded(job, request) ?? [];
            foreach (var next in followUps)
                Enqueue(next);
            job.Status = JobStatus.Succeeded;
            job.FinishedAt = Now;
            job.Reason = "";
            job.ModelMessage = "";
            job.LeaseId = "";
            job.LeaseExpiresAt = null;
            job.Progress.Phase = "done";
            job.Progress.UpdatedAt = Now;
            _jobs.Update(job);
            return (job, "recorded");
        });
        if (job is null)
            return (false, message);
        Publish(job);
        return (true, message);
    }

    /// <summary>
    /// A worker gave up on a job: retry if the failure may pass and attempts remain. The reason and what
    /// the model said arrive cleaned and capped (the worker service sees to it) and are kept apart.
    /// </summary>
    public (bool Accepted, string Message) Fail(string leaseId, string reason, bool retryable, string modelMessage = "")
    {
        var job = _db.Write(() =>
        {
            var job = _jobs.RunningUnder(leaseId);
            if (job is null)
                return null;
            job.ModelMessage = modelMessage;
            if (retryable && job.Attempts < job.MaxAttempts)
                Requeue(job, reason);
            else
            {
                job.FailedByDefense = !retryable;
                FailForGood(job, reason);
            }
            return job;
        });
        if (job is null)
            return (false, "this lease is no longer current.");
        Publish(job);
        return (true, job.Status == JobStatus.Queued ? "queued for another attempt" : "failed");
    }

    /// <summary>Cancels a queued or running job; a running job's worker learns it at its next heartbeat.</summary>
    public JobRecord Cancel(string jobId, string reason)
    {
        var job = _db.Write(() =>
        {
            var job = Find(jobId) ?? throw RpcErrors.NotFound("job", jobId);
            if (job.IsFinished)
                throw RpcErrors.FailedPrecondition($"job {job.Id} already {Words.Of(job.Status)}.");
            job.Status = JobStatus.Cancelled;
            job.Reason = string.IsNullOrWhiteSpace(reason) ? "cancelled" : $"cancelled: {reason}";
            job.ModelMessage = "";
            FinishBookkeeping(job);
            HandlerFor(job.Kind)?.OnFailed(job, job.Reason);
            _jobs.Update(job);
            return job;
        });
        Publish(job);
        return job;
    }

    /// <summary>Returns to the queue every running job whose lease lapsed (or fails it when out of attempts).</summary>
    public int ExpireLeases()
    {
        var now = Now;
        var expired = _db.Write(() =>
        {
            var lapsed = _jobs.Running().Where(j => j.LeaseExpiresAt < now).ToList();
            foreach (var job in lapsed)
            {
                job.ModelMessage = "";
                var reason = $"worker {job.WorkerId} stopped renewing its lease (attempt {job.Attempts} of {job.MaxAttempts})";
                if (job.Attempts < job.MaxAttempts)
                    Requeue(job, reason);
                else
                    FailForGood(job, $"gave up after {job.Attempts} attempts: each time the worker running it stopped responding (last: {reason}).");
            }
            return lapsed;
        });
        foreach (var job in expired)
            Publish(job);
        return expired.Count;
    }

    private void Requeue(JobRecord job, string reason, string? next = null)
    {
        job.Status = JobStatus.Queued;
        job.Reason = reason;
        job.LeaseId = "";
        job.WorkerId = "";
        job.LeaseExpiresAt = null;
        job.Artifacts.Clear();
        // The reason stays in Reason; the progress line says only what happens next.
        job.Progress = new ProgressState { Phase = "queued", Message = next ?? $"retrying after attempt {job.Attempts}", UpdatedAt = Now };
        _jobs.Update(job);
        _db.AfterCommit(_signal.Notify);
    }

    private void FailForGood(JobRecord job, string reason)
    {
        job.Status = JobStatus.Failed;
        job.Reason = reason;
        FinishBookkeeping(job);
        HandlerFor(job.Kind)?.OnFailed(job, reason);
        _jobs.Update(job);
    }

    private void FinishBookkeeping(JobRecord job)
    {
        job.FinishedAt = Now;
        job.LeaseId = "";
        job.LeaseExpiresAt = null;
        job.Progress.UpdatedAt = Now;
    }
}
