using Contest.Contracts.V1;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;

namespace Contest.Server.Leaderboards;

/// <summary>Accuracy@80 per attack of a finished evaluation, read from its stored report (attacks that were skipped left out).</summary>
internal static class WarmupScores
{
    /// <summary>Empty when the job has no stored report (not finished, or failed).</summary>
    public static IReadOnlyDictionary<string, double> Of(JobRecord job, BlobStore blobs)
    {
        if (job.Status != JobStatus.Succeeded || job.ResultSha256.Length == 0 || !blobs.Exists(job.ResultSha256))
            return new Dictionary<string, double>();
        using var file = blobs.OpenRead(job.ResultSha256);
        var report = EvaluationReport.Parser.ParseFrom(file);
        return report.Attacks.Where(a => a.SkippedReason.Length == 0)
            .GroupBy(a => a.Name)
            .ToDictionary(g => g.Key, g => g.Last().AccuracyAt80, StringComparer.Ordinal);
    }
}
