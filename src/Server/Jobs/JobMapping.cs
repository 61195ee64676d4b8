using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Infrastructure;

namespace Contest.Server.Jobs;

/// <summary>Job records as the API shows them, to the owner of the job's defense or to an outsider.</summary>
internal static class JobMapping
{
    /// <summary>What an outsider reads for a failed job: the category, never the worker's or the model's words.</summary>
    public const string FailedCategory = "failed; the details go to the defense's team and organizers";

    public static Job ToProto(this JobRecord job, TeamRecord? team, JobView view)
    {
        var owner = view == JobView.Owner;
        return new Job
        {
            Id = job.Id,
            Kind = job.Kind,
            Status = job.Status,
            DefenseId = job.DefenseId,
            Suite = job.Suite,
            Profile = job.Profile,
            Reason = ReasonFor(job, view),
            ModelMessage = owner ? job.ModelMessage : "",
            Attempts = job.Attempts,
            MaxAttempts = job.MaxAttempts,
            Team = team.ToRef(job.TeamId),
            CreatedAt = ProtoTime.From(job.CreatedAt),
            StartedAt = ProtoTime.From(job.StartedAt),
            FinishedAt = ProtoTime.From(job.FinishedAt),
            WorkerId = job.WorkerId,
            Progress = ProgressOf(job, view),
            Priority = job.Priority,
            CheckpointAt = ProtoTime.From(job.CheckpointAt),
        };
    }

    /// <summary>The stored state as a progress message (what WatchJob sends first).</summary>
    public static JobProgress ProgressOf(JobRecord job, JobView view)
    {
        var progress = new JobProgress
        {
            JobId = job.Id,
            Status = job.Status,
            Phase = job.Progress.Phase,
            Done = job.Progress.Done,
            Total = job.Progress.Total,
            Rate = job.Progress.Rate,
            EtaSeconds = job.Progress.EtaSeconds,
            Message = job.IsFinished && job.Reason.Length > 0 ? job.Reason : job.Progress.Message,
            UpdatedAt = ProtoTime.From(job.Progress.UpdatedAt ?? job.CreatedAt),
            Attempt = job.Attempts,
        };
        return view == JobView.Owner ? progress : ForOutsider(progress);
    }

    /// <summary>A progress update as an outsider sees it: the message becomes the outcome's category.</summary>
    public static JobProgress ForOutsider(JobProgress progress)
    {
        var redacted = progress.Clone();
        redacted.Message = OutsiderMessage(progress.Status, progress.Message);
        return redacted;
    }

    /// <summary>The job's reason as <paramref name="view"/> reads it (an outsider: a failure's category, a cancellation's reason).</summary>
    public static string ReasonFor(JobRecord job, JobView view) =>
        view == JobView.Owner ? job.Reason : OutsiderMessage(job.Status, job.Reason);

    public static Artifact ToProto(this ArtifactState a) => new()
    {
        Name = a.Name,
        Sha256 = a.Sha256,
        SizeBytes = a.SizeBytes,
        ContentType = a.ContentType,
    };

    // A cancellation's reason is the server's or an organizer's; anything a worker reported is not shown.
    private static string OutsiderMessage(JobStatus status, string message) => status switch
    {
        JobStatus.Failed => FailedCategory,
        JobStatus.Cancelled => message,
        _ => "",
    };
}
