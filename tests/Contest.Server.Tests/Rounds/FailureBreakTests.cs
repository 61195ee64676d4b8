using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Defenses;
using Contest.Server.Leaderboards;
using Contest.Server.Review;
using Contest.Server.Rounds;
using Contest.Server.Tests.Attacks;
using Contest.Server.Tests.Review;
using Contest.Server.Tests.Support;

namespace Contest.Server.Tests.Rounds;

/// <summary>An image a defense failed on, once accepted, breaks it, and every record says the break came from a failure.</summary>
public sealed class FailureBreakTests : IDisposable
{
    private readonly TestContest _contest = new(("ReviewsPerImage", "1"));

    public void Dispose() => _contest.Dispose();

    [Fact]
    public async Task AcceptedImageTheDefenseFailedOn_BreaksTheStakedDefense_MarkedAsAFailureInBreaksAndMatrix()
    {
        var failing = _contest.Defense(_contest.Team("defenders", Role.Defender), staked: true);
        var answering = _contest.Defense(_contest.Team("others", Role.Defender), staked: true);
        var attacker = _contest.Team("attackers", Role.Attacker);
        var reviewer = _contest.Team("reviewers", Role.Reviewer);
        _contest.Clock.Advance(TimeSpan.FromMinutes(5));
        await using (var worker = new AnsweringWorker(_contest, job => job.DefenseId == failing.Id ? [float.NaN, 0f] : [0f, 9f]))
        {
            var submitted = await _contest.Get<AttackSubmitter>()
                .SubmitAsync(attacker, QuotaTests.Request(1, failing.Id, answering.Id), CancellationToken.None).WaitAsync(Safety.Timeout);
            Assert.Equal(AttackStatus.InReview, submitted.Status);
        }
        _contest.Db.Write(() =>
        {
            _contest.Get<RoundBook>().CloseNow();
            _contest.Get<RoundPublisher>().Advance();
        });
        var desk = _contest.Get<ReviewDesk>();

        desk.Submit(reviewer, ReviewAssignmentTests.Answer(desk.Next(reviewer)!.Id));

        var entry = Assert.Single(_contest.Get<BreakBook>().BreaksIn("round-1"));
        Assert.Equal((failing.Id, true, true), (entry.Defense.Id, entry.FirstBreak, entry.ByFailure));
        Assert.Equal(entry.Attack.Id, _contest.Get<DefenseStore>().Find(failing.Id)!.Stake.BrokenByAttackId);
        Assert.Equal("", _contest.Get<DefenseStore>().Find(answering.Id)!.Stake.BrokenByAttackId);
        var matrix = _contest.Get<MatrixTable>().Build();
        var row = Assert.Single(matrix.Rows);
        Assert.Equal(MatrixOutcome.DefenseFailed, row.Outcomes[matrix.DefenseIds.IndexOf(failing.Id)]);
        Assert.Equal(MatrixOutcome.Correct, row.Outcomes[matrix.DefenseIds.IndexOf(answering.Id)]);
        Assert.Equal(1, Assert.Single(matrix.AttackScores));
    }
}
