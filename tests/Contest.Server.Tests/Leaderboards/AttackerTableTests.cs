using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Leaderboards;
using Contest.Server.Review;
using Contest.Server.Rounds;
using Contest.Server.Tests.Review;
using Contest.Server.Tests.Support;

namespace Contest.Server.Tests.Leaderboards;

public sealed class AttackerTableTests : IDisposable
{
    private readonly TestContest _contest = new(("ReviewsPerImage", "1"));
    private readonly Caller _attacker;
    private readonly Caller _reviewer;

    public AttackerTableTests()
    {
        _attacker = _contest.Team("attackers", Role.Attacker);
        _reviewer = _contest.Team("reviewers", Role.Reviewer);
    }

    public void Dispose() => _contest.Dispose();

    private AttackerTable Table => _contest.Get<AttackerTable>();

    [Fact]
    public void Build_SubmissionsCandidatesAndDecisions_ChangeNothingUntilTheirRoundIsPublished()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender), staked: true);
        _contest.Attack(_attacker, Label.Bird, defense);
        _contest.Attack(_attacker, Label.Bird);
        Assert.Empty(Table.Build().Rows);

        Review();
        Assert.Empty(Table.Build().Rows);

        Close();
        var row = Assert.Single(Table.Build().Rows);
        Assert.Equal(("attackers", 2, 1, 1, 1), (row.TeamName, row.Submissions, row.Candidates, row.ValidBreaks, row.FirstBreaks));
    }

    [Fact]
    public void Build_ANewRoundsCandidate_LeavesThePublishedCountsAsTheyWere()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        _contest.Attack(_attacker, Label.Bird);
        Close();
        var published = Table.Build().ToString();

        _contest.Attack(_attacker, Label.Bird, defense);
        _contest.Attack(_contest.Team("newcomers", Role.Attacker), Label.Bird, defense);

        Assert.Equal(published, Table.Build().ToString());
    }

    private void Review()
    {
        var desk = _contest.Get<ReviewDesk>();
        desk.Submit(_reviewer, ReviewAssignmentTests.Answer(desk.Next(_reviewer)!.Id));
    }

    private void Close() => _contest.Db.Write(() =>
    {
        _contest.Get<RoundBook>().CloseNow();
        _contest.Get<RoundPublisher>().Advance();
    });
}
