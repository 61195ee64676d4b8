using Contest.Contracts.V1;
using Contest.Server.Jobs;
using Contest.Server.Storage.Records;

namespace Contest.Server.Mapping;

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
        Progress = JobQueue.ProgressOf(job),
        Priority = job.Priority,
    };

    public static Artifact ToProto(this ArtifactState a) => new()
    {
        Name = a.Name,
        Sha256 = a.Sha256,
        SizeBytes = a.SizeBytes,
        ContentType = a.ContentType,
    };
}
