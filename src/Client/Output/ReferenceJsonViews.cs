using System.Text.Json.Nodes;
using Contest.Contracts;
using Contest.Contracts.V1;
using Google.Protobuf.Collections;

namespace Contest.Client.Output;

/// <summary>The --json shapes of reference models and the warm-up board (snake_case; add fields, never rename them).</summary>
internal static class ReferenceJsonViews
{
    public static JsonObject Reference(ReferenceModel m) => new()
    {
        ["id"] = m.Id,
        ["name"] = m.Name,
        ["kind"] = Words.Of(m.Kind),
        ["profile"] = Words.Of(m.Profile),
        ["seed"] = m.Seed,
        ["status"] = Words.Of(m.Status),
        ["reason"] = m.Reason,
        ["built_in"] = m.BuiltIn,
        ["job_id"] = m.JobId,
        ["defense_id"] = m.DefenseId,
        ["evaluation_job_id"] = m.EvaluationJobId,
        ["created_at"] = JsonViews.Time(m.CreatedAt),
        ["finished_at"] = JsonViews.Time(m.FinishedAt),
        ["parameters"] = Sorted(m.Parameters, v => v),
        ["metrics"] = Sorted(m.Metrics, v => v),
        // The original challenge's numbers, on its real data: never measured by this server.
        ["published"] = Sorted(m.Published, v => v),
        ["curve"] = new JsonArray(m.Curve.Select(e => (JsonNode)new JsonObject
        {
            ["epoch"] = e.Epoch,
            ["loss"] = e.Loss,
            ["accuracy"] = e.Accuracy,
            ["epsilon"] = e.Epsilon,
            ["learning_rate"] = e.LearningRate,
            ["images_per_second"] = e.ImagesPerSecond,
            ["seconds"] = e.Seconds,
        }).ToArray()),
        ["files"] = new JsonArray(m.Files.Select(f => (JsonNode)f).ToArray()),
    };

    /// <summary>The warm-up board: measured rows in "rows", the original challenge's in "published".</summary>
    public static JsonObject Warmup(WarmupLeaderboard board) => new()
    {
        ["profile"] = Words.Of(board.Profile),
        ["attacks"] = new JsonArray(board.Attacks.Select(a => (JsonNode)a).ToArray()),
        ["rows"] = new JsonArray(board.Rows.Select(r => (JsonNode)new JsonObject
        {
            ["defense_id"] = r.DefenseId,
            ["defense_name"] = r.DefenseName,
            ["team_name"] = r.TeamName,
            ["open"] = r.Open,
            ["baseline"] = r.Baseline,
            ["job_id"] = r.JobId,
            ["evaluated_at"] = JsonViews.Time(r.EvaluatedAt),
            ["accuracy_at_80"] = new JsonObject(r.AccuracyAt80.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        }).ToArray()),
        ["published"] = new JsonArray(board.Published.Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Name,
            ["source"] = p.Source,
            ["accuracy_at_80"] = Sorted(p.AccuracyAt80, v => v),
        }).ToArray()),
    };

    private static JsonObject Sorted<T>(MapField<string, T> map, Func<T, JsonNode?> value) =>
        new(map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, value(p.Value))));
}
