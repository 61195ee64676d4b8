namespace Contest.Server.Rounds;

/// <summary>When weekly rounds close: by default every Friday at 23:59:59 UTC.</summary>
internal sealed class RoundCalendar(DayOfWeek closeDay, TimeSpan closeTime)
{
    public static RoundCalendar Default { get; } = new(DayOfWeek.Friday, new TimeSpan(0, 23, 59, 59));

    /// <summary>The first scheduled close strictly after <paramref name="after"/> (UTC).</summary>
    public DateTime NextClose(DateTime after)
    {
        var day = after.Date;
        var daysAhead = ((int)closeDay - (int)day.DayOfWeek + 7) % 7;
        var candidate = DateTime.SpecifyKind(day.AddDays(daysAhead) + closeTime, DateTimeKind.Utc);
        return candidate > after ? candidate : candidate.AddDays(7);
    }
}
