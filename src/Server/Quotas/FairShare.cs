using Contest.Server.Attacks;
using Contest.Server.Auth;
using Contest.Server.Defenses;
using Microsoft.Extensions.Options;

namespace Contest.Server.Quotas;

/// <summary>
/// Keeps each team within its fair share: defense uploads per UTC day, evaluations queued or running,
/// bytes stored. Organizers are exempt. Call the checks inside the write that adds what they count,
/// so concurrent calls can never pass a limit together.
/// </summary>
internal sealed class FairShare(TeamUsageCounter counter, TimeProvider clock, IOptions<LimitOptions> options,
    IOptions<AttackOptions> attackOptions) : IUploadLimits, IAttackImageLimits
{
    private readonly LimitOptions _limits = options.Value;

    public void CheckUpload(Caller caller, long sizeBytes)
    {
        if (caller.IsOrganizer)
            return;
        var (start, end) = Today;
        if (TeamLimitRule.Upload(counter.Of(caller.TeamId, start, end), sizeBytes, _limits, end) is { } refusal)
            throw refusal;
    }

    public void CheckAttackImage(Caller caller, long sizeBytes)
    {
        if (caller.IsOrganizer)
            return;
        var (start, end) = Today;
        if (TeamLimitRule.Bytes(counter.Of(caller.TeamId, start, end), sizeBytes, _limits) is { } refusal)
            throw refusal;
    }

    /// <summary>Throws ResourceExhausted when the caller's team may not queue one more evaluation now.</summary>
    public void CheckEvaluation(Caller caller)
    {
        if (caller.IsOrganizer)
            return;
        var (start, end) = Today;
        if (TeamLimitRule.Evaluation(counter.Of(caller.TeamId, start, end), _limits) is { } refusal)
            throw refusal;
    }

    /// <summary>The team's limits and usage as the client shows them.</summary>
    public TeamLimitsView View(Caller caller)
    {
        var (start, end) = Today;
        return new TeamLimitsView(caller.IsOrganizer, counter.Of(caller.TeamId, start, end), _limits, attackOptions.Value.DailyAttackQuota, end);
    }

    private (DateTime Start, DateTime End) Today => QuotaRule.UtcDayOf(clock.GetUtcNow().UtcDateTime);
}
