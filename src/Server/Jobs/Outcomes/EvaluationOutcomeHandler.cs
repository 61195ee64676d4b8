using Contest.Contracts.V1;
using Contest.Server.Errors;
using Contest.Server.Storage;
using Contest.Server.Storage.Records;
using Google.Protobuf;

namespace Contest.Server.Jobs.Outcomes;

/// <summary>Stores an evaluation's report with its job.</summary>
internal sealed class EvaluationOutcomeHandler(BlobStore blobs) : IJobOutcomeHandler
{
    public JobKind Kind => JobKind.Evaluate;

    public void OnStarted(JobRecord job)
    {
    }

    public IReadOnlyList<JobRecord> OnSucceeded(JobRecord job, CompleteJobRequest result)
    {
        var report = result.Evaluation ?? throw RpcErrors.InvalidArgument("an evaluation job must complete with an evaluation report.");
        report.JobId = job.Id;
        report.DefenseId = job.DefenseId;
        report.Artifacts.Clear();
        report.Artifacts.AddRange(job.Artifacts.Select(a => new Artifact
        {
            Name = a.Name,
            Sha256 = a.Sha256,
            SizeBytes = a.SizeBytes,
            ContentType = a.ContentType,
        }));
        job.ResultSha256 = blobs.Put(report.ToByteArray());
        return [];
    }

    public void OnFailed(JobRecord job, string reason)
    {
    }
}
