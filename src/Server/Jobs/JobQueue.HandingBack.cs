using Contest.Contracts.V1;

namespace Contest.Server.Jobs;

/// <summary>
/// How a stopping worker (or a stopping server, for its local workers) gives running jobs back: queued
/// again at once, for any worker, without waiting for the lease to lapse and without counting the attempt.
/// </summary>
internal sealed partial class JobQueue
{
    /// <summary>
    /// Hand-backs a job gets for free. A job handed back more often than this counts each further
    /// hand-back as an attempt, so a job that keeps sending its workers away still ends.
    /// </summary>
    public const int FreeHandBacks = 5;

    /// <summary>
    /// The current holder of <paramref name="leaseId"/> gives its job back unfinished. Returns false, without
    /// effect, when the lease is no longer current (finished, cancelled, lapsed and handed on).
    /// </summary>
    public (bool Accepted, string Message) HandBack(string leaseId, string reason)
    {
        var job = _db.Write(() =>
        {
            var job = _jobs.RunningUnder(leaseId);
            if (job is not null)
                GiveBack(job, reason);
            return job;
        });
        if (job is null)
            return (false, "this lease is no longer current.");
        Publish(job);
        return (true, job.Status == JobStatus.Queued ? "queued again" : "failed");
    }

    /// <summary>Hands back every running job leased by one of <paramref name="workerIds"/>; returns how many.</summary>
    public int HandBackAll(IReadOnlySet<string> workerIds, string reason)
    {
        if (workerIds.Count == 0)
            return 0;
        var handed = _db.Write(() =>
        {
            var held = _jobs.Running().Where(j => workerIds.Contains(j.WorkerId)).ToList();
            foreach (var job in held)
                GiveBack(job, reason);
            return held;
        });
        foreach (var job in handed)
            Publish(job);
        return handed.Count;
    }

    private void GiveBack(JobRecord job, string reason)
    {
        var worker = job.WorkerId;
        job.HandBacks++;
        job.ModelMessage = "";
        // A deliberate stop is no failure of the job: the attempt it was on is given back too.
        if (job.HandBacks <= FreeHandBacks)
            job.Attempts = Math.Max(0, job.Attempts - 1);
        var why = $"worker {worker} handed it back: {reason}";
        if (job.Attempts < job.MaxAttempts)
            Requeue(job, why, "handed back; waiting for a worker");
        else
            FailForGood(job, $"gave up after {job.Attempts} attempts (last: {why}).");
    }
}
