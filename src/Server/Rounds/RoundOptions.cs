namespace Contest.Server.Rounds;

/// <summary>The weekly round schedule (bound from the "Contest" section).</summary>
internal sealed class RoundOptions
{
    /// <summary>Rounds close weekly on this day (UTC).</summary>
    public DayOfWeek RoundCloseDay { get; init; } = DayOfWeek.Friday;

    /// <summary>... at this time of day (UTC).</summary>
    public TimeSpan RoundCloseTime { get; init; } = new(0, 23, 59, 59);
}
