using System.Text.Json.Nodes;
using Contest.Contracts;
using Contest.Contracts.V1;

namespace Contest.Client.Output;

/// <summary>The --json shape of an analysis (snake_case; add fields, never rename them).</summary>
internal static class AnalysisJsonViews
{
    public static JsonObject Analysis(AnalysisResult a) => new()
    {
        ["job_id"] = a.JobId,
        ["kind"] = Words.Of(a.Kind),
        ["status"] = Words.Of(a.Status),
        ["reason"] = a.Reason,
        ["seed"] = a.Seed,
        ["defense_ids"] = new JsonArray(a.DefenseIds.Select(d => (JsonNode)d).ToArray()),
        ["created_at"] = JsonViews.Time(a.CreatedAt),
        ["finished_at"] = JsonViews.Time(a.FinishedAt),
        ["parameters"] = new JsonObject(a.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        ["summary"] = new JsonObject(a.Summary.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Number(p.Value)))),
        ["notes"] = a.Notes,
        ["tables"] = new JsonArray(a.Tables.Select(t => (JsonNode)new JsonObject
        {
            ["name"] = t.Name,
            ["columns"] = new JsonArray(t.Columns.Select(c => (JsonNode)c).ToArray()),
            ["rows"] = new JsonArray(t.Rows.Select(r => (JsonNode)new JsonArray(r.Cells.Select(c => (JsonNode)c).ToArray())).ToArray()),
        }).ToArray()),
        ["artifacts"] = new JsonArray(a.Artifacts.Select(x => (JsonNode)JsonViews.Artifact(x)).ToArray()),
    };

    // JSON has no infinity (the non-private baseline's epsilon): such values travel as "inf", "-inf" or "nan".
    private static JsonNode? Number(double value) =>
        double.IsFinite(value) ? value
        : double.IsNaN(value) ? "nan"
        : value > 0 ? "inf" : "-inf";
}
