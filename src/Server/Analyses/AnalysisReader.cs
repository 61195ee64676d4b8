using Contest.Contracts.V1;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;

namespace Contest.Server.Analyses;

/// <summary>The analyses as everyone reads them: analyses are public results, like the reference models.</summary>
internal sealed class AnalysisReader(AnalysisStore analyses, JobStore jobs)
{
    /// <summary>Newest first, of one kind or every kind (unspecified), without their tables (GetAnalysis has them).</summary>
    public ListAnalysesResponse List(AnalysisKind kind)
    {
        var response = new ListAnalysesResponse();
        response.Analyses.AddRange(analyses.Newest(kind).Select(a => a.ToProto(jobs.Find(a.Id), withTables: false)));
        return response;
    }

    /// <summary>One analysis by its job's id, with its tables; InvalidArgument for a malformed id, NotFound for an unknown one.</summary>
    public AnalysisResult Get(string jobId)
    {
        var analysis = analyses.Find(Ids.Require("job", jobId, "job")) ?? throw RpcErrors.NotFound("analysis", jobId);
        return analysis.ToProto(jobs.Find(analysis.Id), withTables: true);
    }
}
