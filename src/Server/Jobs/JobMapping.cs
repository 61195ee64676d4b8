using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Infrastructure;

namespace Contest.Server.Jobs;

/// <summary>Job records as the API shows them.</summary>
internal static class JobMapping
{
    public static Job ToProto(this JobRecord job, TeamRecord? team) => new()
    {
        Id = job.Id,
        Kind = job.Kind,
        Status = job.Status,
        DefenseId = job.DefenseId,
        Suite = job.Suite,
        Profile = job.Profile,
        Reason = job.Reason,
        Attempts = job.Attempts,
        MaxAttempts = job.MaxAttempts,
        Team = team.ToRef(job.TeamId),
        CreatedAt = ProtoTime.From(job.CreatedAt),
        StartedAt = ProtoTime.From(job.StartedAt),
        FinishedAt = ProtoTime.From(job.FinishedAt),
        WorkerId = job.WorkerId,
        Progress = ProgressOf(job),
        Priority = job.Priority,
    };

    /// <summary>The stored state as a progress message (what WatchJob sends first).</summary>
    public static JobProgress ProgressOf(JobRecord job) => new()
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

    public static Artifact ToProto(this ArtifactState a) => new()
    {
        Name = a.Name,
        Sha256 = a.Sha256,
        SizeBytes = a.SizeBytes,
        ContentType = a.ContentType,
    };
}
