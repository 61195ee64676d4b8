using Contest.Contracts.V1;
using Contest.Server.Defenses;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Google.Protobuf;

namespace Contest.Server.Evaluations;

/// <summary>An evaluation runs a suite on the defense; its report is stored with the job, listing the job's artifacts.</summary>
internal sealed class EvaluationJob(DefenseStore defenses, BlobStore blobs) : IJobKindHandler
{
    public JobKind Kind => JobKind.Evaluate;

    public void DescribeInputs(JobRecord job, JobSpec spec)
    {
        if (defenses.Find(job.DefenseId) is { } defense)
            spec.Defense = defense.ToSpec();
    }

    public void OnStarted(JobRecord job)
    {
    }

    public IReadOnlyList<JobRecord> OnSucceeded(JobRecord job, CompleteJobRequest result)
    {
        var report = result.Evaluation ?? throw RpcErrors.InvalidArgument("an evaluation job must complete with an evaluation report.");
        report.JobId = job.Id;
        report.DefenseId = job.DefenseId;
        report.Artifacts.Clear();
        report.Artifacts.AddRange(job.Artifacts.Select(a => a.ToProto()));
        job.ResultSha256 = blobs.Put(report.ToByteArray());
        return [];
    }

    public void OnFailed(JobRecord job, string reason)
    {
    }
}
