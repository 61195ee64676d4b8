using Contest.Contracts.V1;
using Contest.Server.Hosting;
using Contest.Server.Rules;
using Contest.Server.Storage;
using Contest.Server.Storage.Records;
using Microsoft.Extensions.Options;

namespace Contest.Server.Contest;

/// <summary>
/// The weekly rounds: the open one (created when first needed), closing on schedule or by an
/// organizer, which opens the next.
/// </summary>
internal sealed class RoundBook(ContestDatabase db, TimeProvider clock, IOptions<ContestServerOptions> options)
{
    private readonly RoundCalendar _calendar = new(options.Value.RoundCloseDay, options.Value.RoundCloseTime);

    /// <summary>The open round; call inside a write. Closes a round whose time has passed first.</summary>
    public RoundRecord Current()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var open = db.Rounds.FindOne(r => r.Status == RoundStatus.Open);
        if (open is not null && open.ClosesAt <= now)
        {
            Close(open, open.ClosesAt);
            open = null;
        }
        return open ?? Open(now);
    }

    /// <summary>Closes the open round now; call inside a write. Returns the closed round.</summary>
    public RoundRecord CloseNow()
    {
        var open = Current();
        Close(open, clock.GetUtcNow().UtcDateTime);
        return open;
    }

    /// <summary>Rounds whose scheduled close has passed; call inside a write.</summary>
    public IReadOnlyList<RoundRecord> CloseDue()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = db.Rounds.Find(r => r.Status == RoundStatus.Open && r.ClosesAt <= now).ToList();
        foreach (var round in due)
            Close(round, round.ClosesAt);
        return due;
    }

    private void Close(RoundRecord round, DateTime at)
    {
        round.Status = RoundStatus.Reviewing;
        round.ClosedAt = at;
        db.Rounds.Update(round);
    }

    private RoundRecord Open(DateTime now)
    {
        var number = db.Rounds.Count() + 1;
        var round = new RoundRecord
        {
            Id = $"round-{number}",
            Number = number,
            Status = RoundStatus.Open,
            OpensAt = now,
            ClosesAt = _calendar.NextClose(now),
        };
        db.Rounds.Insert(round);
        return round;
    }
}
