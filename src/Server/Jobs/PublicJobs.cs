using Contest.Contracts.V1;

namespace Contest.Server.Jobs;

/// <summary>
/// Jobs everyone with a role may follow: an analysis of no team's defense is a public result (its
/// tables are read by everyone), so its job, progress, reason and artifacts are public too. It runs
/// only the server's own training, so no model's words can be in what it reports.
/// </summary>
internal static class PublicJobs
{
    public static bool IsPublic(JobRecord job) => job.Kind == JobKind.Analysis && job.DefenseId.Length == 0;
}
