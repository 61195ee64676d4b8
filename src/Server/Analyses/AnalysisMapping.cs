using Contest.Contracts.V1;
using Contest.Server.Infrastructure;
using Contest.Server.Jobs;

namespace Contest.Server.Analyses;

/// <summary>Analysis records as the API shows them, with their job's status and artifacts.</summary>
internal static class AnalysisMapping
{
    /// <param name="a">The record.</param>
    /// <param name="job">Its job (null only if the job record is gone: the record's mirror of the status is shown then).</param>
    /// <param name="withTables">The tables go with one analysis (GetAnalysis), not with the list.</param>
    public static AnalysisResult ToProto(this AnalysisRecord a, JobRecord? job, bool withTables)
    {
        var proto = new AnalysisResult
        {
            JobId = a.Id,
            Kind = a.Kind,
            Status = job?.Status ?? a.Status,
            Notes = a.Notes,
            Seed = a.Seed,
            CreatedAt = ProtoTime.From(a.CreatedAt),
            FinishedAt = ProtoTime.From(a.FinishedAt),
            Reason = a.Reason,
        };
        proto.DefenseIds.AddRange(RunAnalysisRequest.Parser.ParseFrom(a.Request).DefenseIds);
        proto.Parameters.Add(a.Parameters);
        foreach (var entry in a.Summary)
            proto.Summary[entry.Name] = entry.Value;
        foreach (var name in a.ArtifactNames)
        {
            if (job?.Artifacts.LastOrDefault(x => x.Name == name) is { } artifact)
                proto.Artifacts.Add(artifact.ToProto());
        }
        if (withTables)
            proto.Tables.AddRange(a.Tables.Select(ToProto));
        return proto;
    }

    private static ResultTable ToProto(TableState table)
    {
        var proto = new ResultTable { Name = table.Name };
        proto.Columns.AddRange(table.Columns);
        proto.Rows.AddRange(table.Rows.Select(r => new ResultTableRow { Cells = { r.Cells } }));
        return proto;
    }
}
