using Contest.Contracts.V1;
using Contest.Server.Infrastructure;

namespace Contest.Server.Quotas;

/// <summary>A team's limits and usage at one moment, and their proto form.</summary>
internal sealed record TeamLimitsView(bool Exempt, TeamUsage Usage, LimitOptions Limits, int DailyAttackQuota, DateTime DayEnd)
{
    public TeamLimits ToProto() => new()
    {
        Exempt = Exempt,
        AttackImages = Daily(DailyAttackQuota, Usage.AttackImagesToday),
        DefenseUploads = Daily(Limits.DailyDefenseUploads, Usage.DefenseUploadsToday),
        Evaluations = Allowance(Limits.MaxTeamEvaluations, Usage.Evaluations, "when a queued or running evaluation finishes or is cancelled"),
        EvaluationsQueued = Usage.EvaluationsQueued,
        EvaluationsRunning = Usage.EvaluationsRunning,
        BytesStored = Allowance(Limits.MaxTeamBytes, Usage.BytesStored, "not with time (an organizer may raise the limit)"),
        DefenseBytes = Usage.DefenseBytes,
        AttackImageBytes = Usage.AttackImageBytes,
        ArtifactBytes = Usage.ArtifactBytes,
    };

    private Allowance Daily(long limit, long used)
    {
        var allowance = Allowance(limit, used, "at 00:00 UTC");
        allowance.ResetsAt = ProtoTime.From(DayEnd);
        return allowance;
    }

    private static Allowance Allowance(long limit, long used, string freesUp) => new()
    {
        Limit = limit,
        Used = used,
        Remaining = Math.Max(0, limit - used),
        FreesUp = freesUp,
    };
}
