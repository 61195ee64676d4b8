using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Auth;
using Contest.Server.Rounds;

namespace Contest.Server.Tests.Rounds;

public sealed class RoundTallyTests
{
    private static readonly Caller Red = new("team_red", "red", new HashSet<Role> { Role.Attacker, Role.Reviewer }, "key_red");
    private static readonly Caller Blue = new("team_blue", "blue", new HashSet<Role> { Role.Reviewer }, "key_blue");
    private static readonly Caller Organizer = new("team_org", "organizers", new HashSet<Role> { Role.Organizer }, "key_org");

    private static readonly AttackRecord[] InRound =
    [
        Attack("team_red", AttackStatus.InReview),
        Attack("team_red", AttackStatus.NotCandidate),
        Attack("team_green", AttackStatus.InReview),
    ];

    [Theory]
    [InlineData(RoundStatus.Open)]
    [InlineData(RoundStatus.Reviewing)]
    public void ToProto_ARoundNotYetPublished_ShowsAParticipantOnlyItsOwnTeamsCounts(RoundStatus status)
    {
        var round = new RoundRecord { Id = "round-1", Number = 1, Status = status };

        var red = RoundTally.ToProto(round, InRound, Red);
        var blue = RoundTally.ToProto(round, InRound, Blue);

        Assert.Equal((2, 1, 1, true), (red.Submissions, red.Candidates, red.ReviewsPending, red.OwnTeamOnly));
        Assert.Equal((0, 0, 0, true), (blue.Submissions, blue.Candidates, blue.ReviewsPending, blue.OwnTeamOnly));
    }

    [Fact]
    public void ToProto_ARoundNotYetPublished_ShowsOrganizersEveryTeamsCounts()
    {
        var round = new RoundRecord { Id = "round-1", Number = 1, Status = RoundStatus.Reviewing };

        var seen = RoundTally.ToProto(round, InRound, Organizer);

        Assert.Equal((3, 2, 2, false), (seen.Submissions, seen.Candidates, seen.ReviewsPending, seen.OwnTeamOnly));
    }

    [Fact]
    public void ToProto_APublishedRound_ShowsEveryoneEveryTeamsCounts()
    {
        var round = new RoundRecord { Id = "round-1", Number = 1, Status = RoundStatus.Published };

        var seen = RoundTally.ToProto(round, InRound, Blue);

        Assert.Equal((3, 2, 2, false), (seen.Submissions, seen.Candidates, seen.ReviewsPending, seen.OwnTeamOnly));
    }

    private static AttackRecord Attack(string teamId, AttackStatus status) => new()
    {
        Id = $"atk_{Guid.NewGuid():N}",
        TeamId = teamId,
        RoundId = "round-1",
        Status = status,
        Verdicts = [new VerdictState { DefenseId = "def_a", Candidate = status == AttackStatus.InReview }],
    };
}
