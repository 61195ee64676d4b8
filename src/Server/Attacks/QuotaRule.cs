using Contest.Contracts.V1;
using Contest.Server.Infrastructure;

namespace Contest.Server.Attacks;

/// <summary>
/// The daily attack quota: a team may submit a fixed number of attack images per UTC day; the count
/// resets at midnight UTC. Refused and dropped submissions are never stored, so they never count.
/// </summary>
internal static class QuotaRule
{
    /// <summary>The UTC day holding <paramref name="at"/>: its start and the next day's.</summary>
    public static (DateTime Start, DateTime End) UtcDayOf(DateTime at)
    {
        var start = DateTime.SpecifyKind(at.Date, DateTimeKind.Utc);
        return (start, start.AddDays(1));
    }

    /// <summary>The quota after <paramref name="used"/> submissions today, seen at <paramref name="now"/>.</summary>
    public static Quota Of(int used, int limit, DateTime now) => new()
    {
        Limit = limit,
        Used = used,
        Remaining = Math.Max(0, limit - used),
        ResetsAt = ProtoTime.From(UtcDayOf(now).End),
    };
}
