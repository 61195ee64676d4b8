using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Defenses;
using Contest.Server.Review;
using Contest.Server.Rounds;
using Contest.Server.Tests.Review;
using Contest.Server.Tests.Support;

namespace Contest.Server.Tests.Rounds;

public sealed class PublicationTests : IDisposable
{
    private readonly TestContest _contest = new(("ReviewsPerImage", "1"));
    private readonly Caller _attacker;
    private readonly Caller _reviewer;
    private readonly Caller _organizer;

    public PublicationTests()
    {
        _attacker = _contest.Team("attackers", Role.Attacker);
        _reviewer = _contest.Team("reviewers", Role.Reviewer);
        _organizer = _contest.Team("organizers", Role.Organizer);
    }

    public void Dispose() => _contest.Dispose();

    [Fact]
    public void Advance_AClosedRoundWithAnImageInReview_StaysUnpublished()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender), staked: true);
        _contest.Attack(_attacker, Label.Bird, defense);
        Close();

        _contest.Get<RoundPublisher>().Advance();

        Assert.Equal(RoundStatus.Reviewing, Round().Status);
        Assert.Equal(StakeStatus.Unbroken, StakeOf(defense));
    }

    [Fact]
    public void DecidingReview_PublishesTheClosedRoundInTheSameWrite_AndTheValidImageBreaksTheStakedDefense()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender), staked: true);
        _contest.Clock.Advance(TimeSpan.FromMinutes(5));
        var attack = _contest.Attack(_attacker, Label.Bird, defense);
        Close();

        Review();

        Assert.Equal(RoundStatus.Published, Round().Status);
        var stake = _contest.Get<DefenseStore>().Find(defense.Id)!.Stake;
        Assert.Equal((attack.Id, "round-1", attack.SubmittedAt), (stake.BrokenByAttackId, stake.BrokenInRoundId, stake.BrokenAt));
    }

    [Fact]
    public void ValidImageOfARoundStillOpen_BreaksNothingUntilItsRoundIsPublished()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender), staked: true);
        _contest.Attack(_attacker, Label.Bird, defense);

        Review();

        Assert.Equal(RoundStatus.Open, Round().Status);
        Assert.Equal(StakeStatus.Unbroken, StakeOf(defense));
        Assert.Empty(_contest.Get<BreakBook>().ValidBreaksOf(defense.Id));
        Close();
        Assert.Equal(StakeStatus.Broken, StakeOf(defense));
    }

    [Fact]
    public void ImageSubmittedBeforeTheStake_DoesNotBreakIt()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        _contest.Attack(_attacker, Label.Bird, defense);
        _contest.Clock.Advance(TimeSpan.FromMinutes(1));
        _contest.Db.Write(() => _contest.Get<DefenseStore>().Update(defense.Id, d => d.Stake = new StakeState { Staked = true, StakedAt = _contest.Now }));
        Review();

        Close();

        Assert.Equal(StakeStatus.Unbroken, StakeOf(defense));
        Assert.Single(_contest.Get<BreakBook>().ValidBreaksOf(defense.Id));
    }

    [Fact]
    public void InvalidImage_BreaksNothing()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender), staked: true);
        _contest.Attack(_attacker, Label.Bird, defense);
        var desk = _contest.Get<ReviewDesk>();
        desk.Submit(_reviewer, ReviewAssignmentTests.Answer(desk.Next(_reviewer)!.Id, bird: Certainty.MaybeYes));

        Close();

        Assert.Equal(RoundStatus.Published, Round().Status);
        Assert.Equal(StakeStatus.Unbroken, StakeOf(defense));
    }

    [Fact]
    public void UpheldAppeal_TakesTheBreakBack_ARejectedOneLeavesIt()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender), staked: true);
        var defender = new Caller(defense.TeamId, "defenders", new HashSet<Role> { Role.Defender }, "key_defender");
        var first = _contest.Attack(_attacker, Label.Bird, defense);
        Review();
        _contest.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = _contest.Attack(_attacker, Label.Bird, defense);
        Review();
        Close();
        Assert.Equal(first.Id, BrokenBy(defense));
        var appeals = _contest.Get<Appeals>();

        var rejected = appeals.File(defender, defense.Id, second.Id, "the bird is a statue");
        appeals.Resolve(_organizer, rejected.Id, uphold: false, "it is a real bird");
        Assert.Equal(first.Id, BrokenBy(defense));
        var upheld = appeals.File(defender, defense.Id, first.Id, "the bird is a painting");
        appeals.Resolve(_organizer, upheld.Id, uphold: true, "it is a painting");

        // The next valid break, if any, is the one that counts now.
        Assert.Equal(second.Id, BrokenBy(defense));
        var again = appeals.File(defender, defense.Id, second.Id, "this one is a statue after all");
        appeals.Resolve(_organizer, again.Id, uphold: true, "on a closer look, a statue");
        Assert.Equal(StakeStatus.Unbroken, StakeOf(defense));
    }

    [Fact]
    public void Overrule_OfAPublishedImage_RecomputesTheBreakAtOnce()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender), staked: true);
        var attack = _contest.Attack(_attacker, Label.Bird, defense);
        Review();
        Close();
        Assert.Equal(StakeStatus.Broken, StakeOf(defense));

        _contest.Get<ReviewDesk>().Overrule(_organizer, attack.Id, valid: false, "a depiction");

        Assert.Equal(StakeStatus.Unbroken, StakeOf(defense));
    }

    private void Review()
    {
        var desk = _contest.Get<ReviewDesk>();
        var reviewer = _contest.SecondKeyOf(_reviewer);
        desk.Submit(reviewer, ReviewAssignmentTests.Answer(desk.Next(reviewer)!.Id));
    }

    private void Close() => _contest.Db.Write(() =>
    {
        _contest.Get<RoundBook>().CloseNow();
        _contest.Get<RoundPublisher>().Advance();
    });

    private RoundRecord Round() => _contest.Get<RoundStore>().Find("round-1")!;

    private StakeStatus StakeOf(DefenseRecord defense) =>
        _contest.Get<DefenseStore>().Find(defense.Id)!.Stake.ToProto(_contest.Now).Status;

    private string BrokenBy(DefenseRecord defense) => _contest.Get<DefenseStore>().Find(defense.Id)!.Stake.BrokenByAttackId;
}
