using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Defenses;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;

namespace Contest.Server.Quotas;

/// <summary>Counts a team's usage from the stored records (inside a write, the count is exact for that write).</summary>
internal sealed class TeamUsageCounter(DefenseStore defenses, AttackStore attacks, JobStore jobs, BlobStore blobs)
{
    public TeamUsage Of(string teamId, DateTime dayStart, DateTime dayEnd)
    {
        var teamDefenses = defenses.List(includeWithdrawn: true, teamId, stakedOnly: false).ToList();
        var teamAttacks = attacks.Newest(teamId).ToList();
        var evaluations = jobs.ActiveEvaluationsOf(teamId);
        return new TeamUsage(
            AttackImagesToday: attacks.CountSubmitted(teamId, dayStart, dayEnd),
            DefenseUploadsToday: teamDefenses.Count(d => d.CreatedAt >= dayStart && d.CreatedAt < dayEnd),
            EvaluationsQueued: evaluations.Count(j => j.Status == JobStatus.Queued),
            EvaluationsRunning: evaluations.Count(j => j.Status == JobStatus.Running),
            DefenseBytes: teamDefenses.Sum(d => d.SizeBytes),
            AttackImageBytes: teamAttacks.Sum(a => a.ImageBytes > 0 ? a.ImageBytes : SizeOf(a.ImageSha256)),
            ArtifactBytes: jobs.ArtifactBytesOf(teamId));
    }

    // Records written before the size was kept: one stat of the blob each.
    private long SizeOf(string sha256)
    {
        var file = new FileInfo(blobs.PathOf(sha256));
        return file.Exists ? file.Length : 0;
    }
}
