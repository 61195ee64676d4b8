using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Microsoft.Extensions.Options;

namespace Contest.Server.Rounds;

/// <summary>
/// The weekly rounds: the open one (created when first needed), closing on schedule (see
/// <see cref="RoundCalendar"/>) or by an organizer, which opens the next. Call inside a write.
/// </summary>
internal sealed class RoundBook(RoundStore rounds, TimeProvider clock, IOptions<RoundOptions> options) : IAttackRounds
{
    private readonly RoundCalendar _calendar = new(options.Value.RoundCloseDay, options.Value.RoundCloseTime);

    /// <summary>The open round. Closes a round whose time has passed first, and opens the next.</summary>
    public RoundRecord Current()
    {
        var now = Now;
        var open = rounds.Open();
        if (open is not null && open.ClosesAt <= now)
        {
            Close(open, open.ClosesAt);
            open = null;
        }
        return open ?? Open(now);
    }

    /// <summary>Closes the open round now. Returns the closed round.</summary>
    public RoundRecord CloseNow()
    {
        var open = Current();
        Close(open, Now);
        return open;
    }

    /// <summary>Closes rounds whose scheduled close has passed (at that time). Returns them.</summary>
    public IReadOnlyList<RoundRecord> CloseDue()
    {
        var due = rounds.DueToClose(Now);
        foreach (var round in due)
            Close(round, round.ClosesAt);
        return due;
    }

    public string CurrentRoundId() => Current().Id;

    public bool IsPublished(string roundId) => rounds.Find(roundId)?.Status == RoundStatus.Published;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private void Close(RoundRecord round, DateTime at)
    {
        round.Status = RoundStatus.Reviewing;
        round.ClosedAt = at;
        rounds.Update(round);
    }

    private RoundRecord Open(DateTime now)
    {
        var number = rounds.Count() + 1;
        var round = new RoundRecord
        {
            Id = $"round-{number}",
            Number = number,
            Status = RoundStatus.Open,
            OpensAt = now,
            ClosesAt = _calendar.NextClose(now),
        };
        rounds.Insert(round);
        return round;
    }
}
