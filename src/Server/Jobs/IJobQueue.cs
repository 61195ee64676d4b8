namespace Contest.Server.Jobs;

/// <summary>What features ask of the job queue: add work, and call it off.</summary>
internal interface IJobQueue
{
    /// <summary>Queues a job; call inside the write that makes it necessary. Waiting workers wake once that write commits.</summary>
    JobRecord Enqueue(JobRecord job);

    /// <summary>Cancels a queued or running job; throws FailedPrecondition when it already finished.</summary>
    JobRecord Cancel(string jobId, string reason);

    /// <summary>A job by id.</summary>
    JobRecord? Find(string jobId);
}
