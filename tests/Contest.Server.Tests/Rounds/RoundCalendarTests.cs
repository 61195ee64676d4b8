using Contest.Contracts.V1;
using Contest.Server.Rounds;
using Contest.Server.Tests.Support;

namespace Contest.Server.Tests.Rounds;

public sealed class RoundCalendarTests : IDisposable
{
    private static readonly DateTime FridayClose = new(2026, 11, 27, 23, 59, 59, DateTimeKind.Utc);
    private readonly TestContest _contest = new();

    public void Dispose() => _contest.Dispose();

    [Theory]
    [InlineData("2026-11-25T12:00:00Z", "2026-11-27T23:59:59Z")] // Wednesday: this Friday
    [InlineData("2026-11-27T23:59:58Z", "2026-11-27T23:59:59Z")] // a second before the close
    [InlineData("2026-11-27T23:59:59Z", "2026-12-04T23:59:59Z")] // at the close: the next week's
    [InlineData("2026-11-28T00:00:00Z", "2026-12-04T23:59:59Z")] // Saturday
    public void NextClose_IsTheNextFridayAt235959Utc(string after, string close) =>
        Assert.Equal(DateTime.Parse(close, null, System.Globalization.DateTimeStyles.AdjustToUniversal),
            RoundCalendar.Default.NextClose(DateTime.Parse(after, null, System.Globalization.DateTimeStyles.AdjustToUniversal)));

    [Fact]
    public void Current_OpensTheFirstRound_ClosingFridayNight()
    {
        var round = _contest.Db.Write(_contest.Get<RoundBook>().Current);

        Assert.Equal(("round-1", 1, RoundStatus.Open), (round.Id, round.Number, round.Status));
        Assert.Equal(TestContest.Start.UtcDateTime, round.OpensAt);
        Assert.Equal(FridayClose, round.ClosesAt);
    }

    [Fact]
    public void Current_AfterTheCloseTime_ClosesTheRoundAtItsScheduledTime_AndOpensTheNext()
    {
        var book = _contest.Get<RoundBook>();
        _contest.Db.Write(book.Current);

        _contest.Clock.SetUtcNow(new DateTimeOffset(FridayClose).AddHours(3));
        var next = _contest.Db.Write(book.Current);

        var first = _contest.Get<RoundStore>().Find("round-1")!;
        Assert.Equal((RoundStatus.Reviewing, FridayClose), (first.Status, first.ClosedAt));
        Assert.Equal(("round-2", RoundStatus.Open, FridayClose.AddDays(7)), (next.Id, next.Status, next.ClosesAt));
    }

    [Fact]
    public void CloseNow_ClosesTheOpenRoundAtOnce_AndTheNextSubmissionOpensAnother()
    {
        var book = _contest.Get<RoundBook>();
        _contest.Db.Write(book.Current);
        _contest.Clock.Advance(TimeSpan.FromHours(1));

        var closed = _contest.Db.Write(book.CloseNow);

        Assert.Equal((RoundStatus.Reviewing, _contest.Now), (closed.Status, closed.ClosedAt));
        Assert.Equal("round-2", _contest.Db.Write(book.CurrentRoundId));
    }

    [Fact]
    public void Advance_ClosesDueRoundsOnTheClock_WithNothingToReviewPublishesThem()
    {
        _contest.Db.Write(_contest.Get<RoundBook>().Current);
        _contest.Clock.SetUtcNow(new DateTimeOffset(FridayClose).AddSeconds(1));

        _contest.Get<RoundPublisher>().Advance();

        var round = _contest.Get<RoundStore>().Find("round-1")!;
        Assert.Equal((RoundStatus.Published, FridayClose), (round.Status, round.ClosedAt));
    }
}
