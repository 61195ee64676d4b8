using Contest.Contracts.V1;
using Contest.Server.Infrastructure;
using Contest.Server.Jobs;

namespace Contest.Server.Analyses;

/// <summary>
/// An analysis job: the worker gets the request as queued (and reads its settings as the server
/// checked them); its result (summary, tables, notes, the artifacts it presents) is checked
/// (<see cref="AnalysisReport"/>) and kept on the analysis record, and a failure's reason with it.
/// </summary>
internal sealed class AnalysisJob(AnalysisStore analyses, TimeProvider clock) : IJobKindHandler
{
    public JobKind Kind => JobKind.Analysis;

    public void DescribeInputs(JobRecord job, JobSpec spec)
    {
        if (analyses.Find(job.Id) is { } analysis)
            spec.Analysis = RunAnalysisRequest.Parser.ParseFrom(analysis.Request);
    }

    public void OnStarted(JobRecord job) => analyses.Update(job.Id, a => a.Status = JobStatus.Running);

    public IReadOnlyList<JobRecord> OnSucceeded(JobRecord job, CompleteJobRequest result)
    {
        var reported = result.Analysis ?? throw RpcErrors.InvalidArgument("an analysis job must complete with an analysis result.");
        var analysis = analyses.Find(job.Id)
            ?? throw RpcErrors.FailedPrecondition($"analysis job {job.Id} has no analysis record.");
        var report = AnalysisReport.Read(reported, job, analysis);
        analyses.Update(job.Id, a =>
        {
            a.Status = JobStatus.Succeeded;
            a.Reason = "";
            a.Summary = report.Summary;
            a.Tables = report.Tables;
            a.Notes = report.Notes;
            a.ArtifactNames = report.ArtifactNames;
            a.Parameters = report.Parameters;
            a.FinishedAt = clock.GetUtcNow().UtcDateTime;
        });
        return [];
    }

    // Called for a failure for good and for a cancellation; the job's status says which.
    public void OnFailed(JobRecord job, string reason) => analyses.Update(job.Id, a =>
    {
        a.Status = job.Status;
        a.Reason = reason;
        a.FinishedAt = clock.GetUtcNow().UtcDateTime;
    });
}
