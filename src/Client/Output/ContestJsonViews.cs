using System.Text.Json.Nodes;
using Contest.Contracts;
using Contest.Contracts.V1;

namespace Contest.Client.Output;

/// <summary>The --json shapes of the contest's records (attacks, reviews, rounds, appeals, standings).</summary>
internal static class ContestJsonViews
{
    public static JsonObject Attack(AttackSubmission a) => new()
    {
        ["id"] = a.Id,
        ["team"] = a.Team is null ? null : new JsonObject { ["id"] = a.Team.Id, ["name"] = a.Team.Name },
        ["image_sha256"] = a.ImageSha256,
        ["claim"] = Words.Of(a.ClaimedLabel),
        ["submitted_at"] = JsonViews.Time(a.SubmittedAt),
        ["round_id"] = a.RoundId,
        ["status"] = Words.Of(a.Status),
        ["verdicts"] = new JsonArray(a.Verdicts.Select(v => (JsonNode)Verdict(v)).ToArray()),
        ["warnings"] = new JsonArray(a.Warnings.Select(w => (JsonNode)w).ToArray()),
        ["reviews_done"] = a.ReviewsDone,
        ["reviews_needed"] = a.ReviewsNeeded,
        ["overruled"] = a.Overruled,
        ["overrule_reason"] = a.OverruleReason,
        ["quota_remaining"] = a.QuotaRemaining,
    };

    public static JsonObject Verdict(Verdict v) => new()
    {
        ["defense_id"] = v.DefenseId,
        ["logits"] = new JsonArray(v.Logits.Select(l => (JsonNode)l).ToArray()),
        ["prediction"] = Words.Of(v.Prediction),
        ["confidence"] = v.Confidence,
        ["abstained"] = v.Abstained,
        ["candidate"] = v.Candidate,
        ["defense_failed"] = v.DefenseFailed,
        ["failure"] = v.Failure,
        ["threshold"] = v.Threshold,
    };

    /// <summary>A team's limits; the attack quota's numbers also at the top level, as `contest quota` always printed them.</summary>
    public static JsonObject Limits(TeamLimits l) => new()
    {
        ["limit"] = l.AttackImages.Limit,
        ["used"] = l.AttackImages.Used,
        ["remaining"] = l.AttackImages.Remaining,
        ["resets_at"] = JsonViews.Time(l.AttackImages.ResetsAt),
        ["exempt"] = l.Exempt,
        ["attack_images"] = Allowance(l.AttackImages),
        ["defense_uploads"] = Allowance(l.DefenseUploads),
        ["evaluations"] = Allowance(l.Evaluations, new() { ["queued"] = l.EvaluationsQueued, ["running"] = l.EvaluationsRunning }),
        ["bytes_stored"] = Allowance(l.BytesStored,
            new() { ["defense_models"] = l.DefenseBytes, ["attack_images"] = l.AttackImageBytes, ["artifacts"] = l.ArtifactBytes }),
    };

    private static JsonObject Allowance(Allowance a, JsonObject? detail = null)
    {
        var json = new JsonObject
        {
            ["limit"] = a.Limit,
            ["used"] = a.Used,
            ["remaining"] = a.Remaining,
            ["resets_at"] = a.ResetsAt is null ? null : JsonViews.Time(a.ResetsAt),
            ["frees_up"] = a.FreesUp,
        };
        if (detail is not null)
            json["detail"] = detail;
        return json;
    }

    public static JsonObject Review(Review r) => new()
    {
        ["id"] = r.Id,
        ["item_id"] = r.ItemId,
        ["attack_id"] = r.AttackId,
        ["reviewer"] = r.Reviewer,
        ["bird"] = Words.Of(r.Bird),
        ["bicycle"] = Words.Of(r.Bicycle),
        ["box"] = new JsonObject { ["x"] = r.Box?.X, ["y"] = r.Box?.Y, ["width"] = r.Box?.Width, ["height"] = r.Box?.Height },
        ["truncated"] = r.Truncated,
        ["occluded"] = r.Occluded,
        ["depiction"] = r.Depiction,
        ["submitted_at"] = JsonViews.Time(r.SubmittedAt),
    };

    public static JsonObject Round(Round r) => new()
    {
        ["id"] = r.Id,
        ["number"] = r.Number,
        ["status"] = Words.Of(r.Status),
        ["opens_at"] = JsonViews.Time(r.OpensAt),
        ["closes_at"] = JsonViews.Time(r.ClosesAt),
        ["closed_at"] = JsonViews.Time(r.ClosedAt),
        ["published_at"] = JsonViews.Time(r.PublishedAt),
        ["submissions"] = r.Submissions,
        ["candidates"] = r.Candidates,
        ["reviews_pending"] = r.ReviewsPending,
        ["own_team_only"] = r.OwnTeamOnly,
    };

    public static JsonObject Results(RoundResults results) => new()
    {
        ["round"] = Round(results.Round),
        ["breaks"] = new JsonArray(results.Breaks.Select(b => (JsonNode)new JsonObject
        {
            ["defense_id"] = b.DefenseId,
            ["defense_name"] = b.DefenseName,
            ["attack_id"] = b.AttackId,
            ["attacker_team_id"] = b.AttackerTeamId,
            ["attacker_team_name"] = b.AttackerTeamName,
            ["first_break"] = b.FirstBreak,
            ["by_failure"] = b.ByFailure,
            ["broken_at"] = JsonViews.Time(b.BrokenAt),
        }).ToArray()),
        ["attacks"] = new JsonArray(results.Attacks.Select(p =>
        {
            var json = Attack(p.Attack);
            json["validity_reason"] = p.ValidityReason;
            json["reviews"] = new JsonArray(p.Reviews.Select(r => (JsonNode)Review(r)).ToArray());
            return (JsonNode)json;
        }).ToArray()),
    };

    public static JsonObject Appeal(Appeal a) => new()
    {
        ["id"] = a.Id,
        ["defense_id"] = a.DefenseId,
        ["attack_id"] = a.AttackId,
        ["team_id"] = a.TeamId,
        ["reason"] = a.Reason,
        ["status"] = Words.Of(a.Status),
        ["resolution"] = a.Resolution,
        ["filed_at"] = JsonViews.Time(a.FiledAt),
        ["resolved_at"] = JsonViews.Time(a.ResolvedAt),
    };

    public static JsonObject AuditEvent(AuditEvent e) => new()
    {
        ["id"] = e.Id,
        ["at"] = JsonViews.Time(e.At),
        ["actor_team_id"] = e.ActorTeamId,
        ["actor_team_name"] = e.ActorTeamName,
        ["actor_key_id"] = e.ActorKeyId,
        ["action"] = e.Action,
        ["target"] = e.Target,
        ["reason"] = e.Reason,
        ["details"] = new JsonObject(e.Details.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value))),
    };

    public static JsonObject Notification(Notification n) => new()
    {
        ["id"] = n.Id,
        ["at"] = JsonViews.Time(n.At),
        ["kind"] = Words.Of(n.Kind),
        ["message"] = n.Message,
        ["attack_id"] = n.AttackId,
        ["defense_id"] = n.DefenseId,
        ["round_id"] = n.RoundId,
        ["job_id"] = n.JobId,
    };
}
