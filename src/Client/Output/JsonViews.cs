using System.Text.Json.Nodes;
using Contest.Contracts;
using Contest.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace Contest.Client.Output;

/// <summary>
/// The --json shapes of API records: snake_case keys, enums as lowercase words, times as ISO 8601.
/// Scripts rely on these names; add fields, never rename them.
/// </summary>
internal static class JsonViews
{
    public static JsonObject Team(Team team) => new()
    {
        ["id"] = team.Id,
        ["name"] = team.Name,
        ["roles"] = new JsonArray(team.Roles.Select(r => (JsonNode)Words.Of(r)).ToArray()),
        ["created_at"] = Time(team.CreatedAt),
    };

    public static JsonObject Key(ApiKeyInfo key) => new()
    {
        ["id"] = key.Id,
        ["team_id"] = key.TeamId,
        ["prefix"] = key.Prefix,
        ["label"] = key.Label,
        ["created_at"] = Time(key.CreatedAt),
        ["revoked"] = key.Revoked,
        ["revoked_at"] = Time(key.RevokedAt),
    };

    public static JsonObject Defense(Defense d)
    {
        var json = new JsonObject
        {
            ["id"] = d.Id,
            ["name"] = d.Name,
            ["description"] = d.Description,
            ["team"] = new JsonObject { ["id"] = d.Team?.Id, ["name"] = d.Team?.Name },
            ["open"] = d.Open,
            ["format"] = Words.Of(d.Format),
            ["sha256"] = d.Sha256,
            ["size_bytes"] = d.SizeBytes,
            ["created_at"] = Time(d.CreatedAt),
            ["baseline"] = d.Baseline,
            ["withdrawn"] = d.Withdrawn,
            ["differentiable"] = d.Differentiable,
            ["declared_threshold"] = d.HasDeclaredThreshold ? d.DeclaredThreshold : null,
            ["validation"] = Validation(d.Validation ?? new ValidationResult()),
            ["eligibility"] = Eligibility(d.Eligibility ?? new EligibilityResult()),
            ["stake"] = Stake(d.Stake ?? new StakeInfo()),
        };
        return json;
    }

    public static JsonObject Validation(ValidationResult v) => new()
    {
        ["status"] = Words.Of(v.Status),
        ["reason"] = v.Reason,
        ["model_message"] = v.ModelMessage,
        ["images_per_second"] = v.ImagesPerSecond,
        ["device"] = v.Device,
        ["best_batch_size"] = v.BestBatchSize,
        ["job_id"] = v.JobId,
        ["finished_at"] = Time(v.FinishedAt),
        ["checks"] = new JsonArray(v.Checks.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["passed"] = c.Passed,
            ["detail"] = c.Detail,
        }).ToArray()),
    };

    public static JsonObject Eligibility(EligibilityResult e) => new()
    {
        ["status"] = Words.Of(e.Status),
        ["reason"] = e.Reason,
        ["model_message"] = e.ModelMessage,
        ["threshold"] = e.Threshold,
        ["accuracy_at_80"] = e.AccuracyAt80,
        ["accuracy_at_100"] = e.AccuracyAt100,
        ["images_per_second"] = e.ImagesPerSecond,
        ["images"] = e.Images,
        ["prior_attacks_checked"] = e.PriorAttacksChecked,
        ["prior_attacks_failed"] = e.PriorAttacksFailed,
        ["job_id"] = e.JobId,
        ["finished_at"] = Time(e.FinishedAt),
    };

    public static JsonObject Stake(StakeInfo s) => new()
    {
        ["status"] = Words.Of(s.Status),
        ["staked_at"] = Time(s.StakedAt),
        ["forced"] = s.Forced,
        ["reason"] = s.Reason,
        ["broken_at"] = Time(s.BrokenAt),
        ["broken_by_attack_id"] = s.BrokenByAttackId,
        ["days_unbroken"] = s.DaysUnbroken,
        ["winner_candidate"] = s.WinnerCandidate,
    };

    public static JsonObject Job(Job job) => new()
    {
        ["id"] = job.Id,
        ["kind"] = Words.Of(job.Kind),
        ["status"] = Words.Of(job.Status),
        ["reason"] = job.Reason,
        ["model_message"] = job.ModelMessage,
        ["attempts"] = job.Attempts,
        ["max_attempts"] = job.MaxAttempts,
        ["defense_id"] = job.DefenseId,
        ["suite"] = job.Suite,
        ["profile"] = Words.Of(job.Profile),
        ["team"] = new JsonObject { ["id"] = job.Team?.Id, ["name"] = job.Team?.Name },
        ["worker_id"] = job.WorkerId,
        ["created_at"] = Time(job.CreatedAt),
        ["started_at"] = Time(job.StartedAt),
        ["finished_at"] = Time(job.FinishedAt),
        ["progress"] = job.Progress is null ? null : Progress(job.Progress),
    };

    public static JsonObject Progress(JobProgress p) => new()
    {
        ["status"] = Words.Of(p.Status),
        ["phase"] = p.Phase,
        ["done"] = p.Done,
        ["total"] = p.Total,
        ["rate"] = p.Rate,
        ["eta_seconds"] = p.EtaSeconds,
        ["message"] = p.Message,
        ["updated_at"] = Time(p.UpdatedAt),
    };

    public static JsonObject Report(EvaluationReport report) => new()
    {
        ["job_id"] = report.JobId,
        ["defense_id"] = report.DefenseId,
        ["suite"] = report.Suite,
        ["profile"] = Words.Of(report.Profile),
        ["split"] = report.Split,
        ["dataset"] = report.Dataset,
        ["device"] = report.Device,
        ["eligibility_threshold"] = report.EligibilityThreshold,
        ["raw_forward_images_per_second"] = report.RawForwardImagesPerSecond,
        ["finished_at"] = Time(report.FinishedAt),
        ["attacks"] = new JsonArray(report.Attacks.Select(a => (JsonNode)Attack(a)).ToArray()),
        ["images"] = new JsonArray(report.Images.Select(i => (JsonNode)new JsonObject
        {
            ["index"] = i.Index,
            ["id"] = i.Id,
            ["label"] = Words.Of(i.Label),
            ["attack"] = i.Attack,
            ["logits"] = new JsonArray(i.Logits.Select(l => (JsonNode)l).ToArray()),
        }).ToArray()),
        ["artifacts"] = new JsonArray(report.Artifacts.Select(a => (JsonNode)Artifact(a)).ToArray()),
    };

    public static JsonObject Artifact(Artifact a) => new()
    {
        ["name"] = a.Name,
        ["sha256"] = a.Sha256,
        ["size_bytes"] = a.SizeBytes,
        ["content_type"] = a.ContentType,
    };

    public static JsonObject Attack(AttackResult a)
    {
        var json = new JsonObject
        {
            ["name"] = a.Name,
            ["profile"] = Words.Of(a.Profile),
            ["accuracy_at_80"] = a.AccuracyAt80,
            ["accuracy_at_100"] = a.AccuracyAt100,
            ["confident_error_indices_at_80"] = new JsonArray(a.ConfidentErrorIndicesAt80.Select(i => (JsonNode)i).ToArray()),
            ["confident_error_indices_at_100"] = new JsonArray(a.ConfidentErrorIndicesAt100.Select(i => (JsonNode)i).ToArray()),
            ["threshold_at_80"] = a.ThresholdAt80,
            ["images"] = a.Images,
            ["skipped_reason"] = a.SkippedReason,
            ["forward_images_per_second"] = a.ForwardImagesPerSecond,
            ["seconds"] = a.Seconds,
            ["confident_mistakes_at_threshold"] = a.ConfidentMistakesAtThreshold,
            ["abstentions_at_threshold"] = a.AbstentionsAtThreshold,
            ["risk_coverage"] = new JsonArray(a.RiskCoverage.Select(r => (JsonNode)r).ToArray()),
            ["parameters"] = new JsonObject(a.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        };
        if (a.Seed != 0)
            json["seed"] = a.Seed;
        return json;
    }

    public static string? Time(Timestamp? timestamp) =>
        timestamp is null ? null : timestamp.ToDateTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
