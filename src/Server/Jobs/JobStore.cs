using Contest.Contracts.V1;
using Contest.Server.Infrastructure.Storage;
using LiteDB;

namespace Contest.Server.Jobs;

/// <summary>The job records and every query on them, with the indexes those queries use.</summary>
internal sealed class JobStore
{
    private readonly ILiteCollection<JobRecord> _jobs;

    public JobStore(ContestDatabase db)
    {
        db.Map<JobRecord>().Ignore(j => j.IsFinished);
        _jobs = db.Collection<JobRecord>("jobs");
        _jobs.EnsureIndex(j => j.Status);
        _jobs.EnsureIndex(j => j.LeaseId);
        _jobs.EnsureIndex(j => j.DefenseId);
        _jobs.EnsureIndex(j => j.TeamId);
        _jobs.EnsureIndex(j => j.AttackId);
    }

    public JobRecord? Find(string jobId) => _jobs.FindById(jobId);

    public void Insert(JobRecord job) => _jobs.Insert(job);

    public void Update(JobRecord job) => _jobs.Update(job);

    public IEnumerable<JobRecord> Queued() => _jobs.Find(j => j.Status == JobStatus.Queued);

    public IEnumerable<JobRecord> Running() => _jobs.Find(j => j.Status == JobStatus.Running);

    /// <summary>The running job held under this lease, or null.</summary>
    public JobRecord? RunningUnder(string leaseId) =>
        string.IsNullOrEmpty(leaseId) ? null : _jobs.FindOne(j => j.LeaseId == leaseId && j.Status == JobStatus.Running);

    /// <summary>The jobs that judge one attack image.</summary>
    public IReadOnlyList<JobRecord> VerdictsOf(string attackId) =>
        [.. _jobs.Find(j => j.AttackId == attackId && j.Kind == JobKind.Verdict)];

    /// <summary>Jobs newest first: every job, or those a team asked for.</summary>
    public IEnumerable<JobRecord> Newest(string? teamId) =>
        (teamId is null ? _jobs.FindAll() : _jobs.Find(j => j.TeamId == teamId)).OrderByDescending(j => j.CreatedAt);

    /// <summary>A team's evaluations that are queued or running.</summary>
    public IReadOnlyList<JobRecord> ActiveEvaluationsOf(string teamId) =>
        [.. _jobs.Find(j => j.TeamId == teamId && j.Kind == JobKind.Evaluate && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running))];

    /// <summary>The bytes of every artifact the jobs a team asked for keep.</summary>
    public long ArtifactBytesOf(string teamId) =>
        _jobs.Find(j => j.TeamId == teamId).Sum(j => j.Artifacts.Sum(a => a.SizeBytes));

    /// <summary>Per defense, its latest succeeded full evaluation of a suite and profile.</summary>
    public IEnumerable<JobRecord> LatestFullEvaluations(string suite, Profile profile) =>
        _jobs.Find(j => j.Kind == JobKind.Evaluate && j.Status == JobStatus.Succeeded && j.Suite == suite && j.Profile == profile)
            .Where(j => j.ResultSha256.Length > 0 && j.Limit == 0)
            .GroupBy(j => j.DefenseId)
            .Select(g => g.OrderByDescending(j => j.FinishedAt).First());
}
