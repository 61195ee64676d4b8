using Contest.Contracts.V1;

namespace Contest.Server.Jobs;

/// <summary>
/// A job and its lifecycle: queued -> running (leased to a worker until LeaseExpiresAt) ->
/// succeeded | failed | cancelled. A lease that is not renewed returns the job to the queue.
/// </summary>
internal sealed class JobRecord
{
    public string Id { get; set; } = "";

    public JobKind Kind { get; set; }

    public JobStatus Status { get; set; } = JobStatus.Queued;

    /// <summary>Who asked for it (for evaluations), or the defense's team for system jobs.</summary>
    public string TeamId { get; set; } = "";

    public string DefenseId { get; set; } = "";

    public string Suite { get; set; } = "";

    public Profile Profile { get; set; } = Profile.Standard;

    public int Limit { get; set; }

    /// <summary>The evaluation seed; never shown to defenders.</summary>
    public long Seed { get; set; }

    /// <summary>Higher runs first (verdicts before validation before bulk evaluation).</summary>
    public int Priority { get; set; }

    public int Attempts { get; set; }

    public int MaxAttempts { get; set; } = 3;

    /// <summary>Times a worker handed the job back unfinished because it was stopping (<see cref="JobQueue.HandBack"/>).</summary>
    public int HandBacks { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>Why the job failed or was retried, in the server's or the worker's words (cleaned, capped); shown to everyone who sees the job.</summary>
    public string Reason { get; set; } = "";

    /// <summary>
    /// What the defense's model itself raised or printed on the last failed attempt (cleaned, capped).
    /// Only the defense's team and organizers see it (<see cref="JobView"/>).
    /// </summary>
    public string ModelMessage { get; set; } = "";

    /// <summary>
    /// The job failed for good because of the defense itself (its worker said the failure would not
    /// pass: the model raised, returned bad output, or ran past a limit), not because of the infrastructure.
    /// </summary>
    public bool FailedByDefense { get; set; }

    public string LeaseId { get; set; } = "";

    public string WorkerId { get; set; } = "";

    public DateTime? LeaseExpiresAt { get; set; }

    public ProgressState Progress { get; set; } = new();

    /// <summary>The serialized result (an EvaluationReport, say) in the blob store.</summary>
    public string ResultSha256 { get; set; } = "";

    public List<ArtifactState> Artifacts { get; set; } = [];

    /// <summary>For verdict jobs: the attack submission.</summary>
    public string AttackId { get; set; } = "";

    /// <summary>For training jobs: the reference model being trained.</summary>
    public string ReferenceId { get; set; } = "";

    /// <summary>For training jobs: images per class of the extras split the job trains on besides all of train (-1: all).</summary>
    public int ExtrasPerClass { get; set; }

    /// <summary>For training jobs: the last checkpoint a worker stored (a blob), which the next attempt resumes from.</summary>
    public string CheckpointSha256 { get; set; } = "";

    /// <summary>When <see cref="CheckpointSha256"/> was stored.</summary>
    public DateTime? CheckpointAt { get; set; }

    public bool IsFinished => Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;
}

/// <summary>The last progress a worker reported.</summary>
internal sealed class ProgressState
{
    public string Phase { get; set; } = "";

    public long Done { get; set; }

    public long Total { get; set; }

    public double Rate { get; set; }

    public double EtaSeconds { get; set; }

    public string Message { get; set; } = "";

    public DateTime? UpdatedAt { get; set; }
}

/// <summary>A file a job produced.</summary>
internal sealed class ArtifactState
{
    public string Name { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public long SizeBytes { get; set; }

    public string ContentType { get; set; } = "";
}
