using System.Globalization;
using Contest.Server.Infrastructure;
using Grpc.Core;

namespace Contest.Server.Quotas;

/// <summary>
/// The per-team limits as pure decisions: each refusal is ResourceExhausted and says the numbers and
/// when what is used frees up.
/// </summary>
internal static class TeamLimitRule
{
    public static RpcException? Upload(TeamUsage usage, long sizeBytes, LimitOptions limits, DateTime dayEnd)
    {
        if (usage.DefenseUploadsToday >= limits.DailyDefenseUploads)
            return RpcErrors.ResourceExhausted(
                $"your team uploaded {usage.DefenseUploadsToday} defenses today, the most it may per UTC day ({limits.DailyDefenseUploads}); " +
                string.Create(CultureInfo.InvariantCulture, $"uploads free up at {dayEnd:yyyy-MM-dd HH:mm} UTC."));
        return Bytes(usage, sizeBytes, limits);
    }

    public static RpcException? Evaluation(TeamUsage usage, LimitOptions limits)
    {
        if (usage.Evaluations < limits.MaxTeamEvaluations)
            return null;
        return RpcErrors.ResourceExhausted(
            $"your team has {usage.Evaluations} evaluations queued or running ({usage.EvaluationsQueued} queued, {usage.EvaluationsRunning} running), " +
            $"the most it may have at once ({limits.MaxTeamEvaluations}); another may start when one of them finishes " +
            "or once you cancel one (contest eval cancel JOB_ID).");
    }

    public static RpcException? Bytes(TeamUsage usage, long sizeBytes, LimitOptions limits)
    {
        if (usage.BytesStored + Math.Max(0, sizeBytes) <= limits.MaxTeamBytes)
            return null;
        return RpcErrors.ResourceExhausted(
            $"your team stores {usage.BytesStored} bytes (defense models {usage.DefenseBytes}, attack images {usage.AttackImageBytes}, " +
            $"job artifacts {usage.ArtifactBytes}); {sizeBytes} bytes more would pass its limit of {limits.MaxTeamBytes} bytes. " +
            "Stored bytes do not free up with time: ask an organizer to raise the limit (--max-team-bytes).");
    }
}
