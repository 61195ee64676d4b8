using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Review;
using Contest.Server.Tests.Support;

namespace Contest.Server.Tests.Review;

public sealed class ReviewAssignmentTests : IDisposable
{
    private readonly TestContest _contest = new(("ReviewsPerImage", "2"), ("ReviewAssignmentMinutes", "60"));

    public void Dispose() => _contest.Dispose();

    private ReviewDesk Desk => _contest.Get<ReviewDesk>();

    [Fact]
    public void Next_NeverHandsAReviewerAnImageOfTheirOwnTeam()
    {
        var team = _contest.Team("both", Role.Attacker, Role.Reviewer);
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        _contest.Attack(team, Label.Bird, defense);

        Assert.Null(Desk.Next(team));
    }

    [Fact]
    public void Next_NeverHandsTheSameImageTwice_EvenAfterAnswering()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        var attacker = _contest.Team("attackers", Role.Attacker);
        var first = _contest.Attack(attacker, Label.Bird, defense);
        _contest.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = _contest.Attack(attacker, Label.Bird, defense);
        var reviewer = _contest.Team("reviewers", Role.Reviewer);

        var a = Desk.Next(reviewer)!;
        Assert.Equal(a.Id, Desk.Next(reviewer)!.Id); // unanswered: the same assignment again
        Desk.Submit(reviewer, Answer(a.Id));
        var b = Desk.Next(reviewer)!;
        Desk.Submit(reviewer, Answer(b.Id));

        Assert.Equal((first.Id, second.Id), (a.AttackId, b.AttackId));
        Assert.Null(Desk.Next(reviewer));
    }

    [Fact]
    public void Next_GivesTheLeastReviewedImageFirst_ThenTheOldest()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        var attacker = _contest.Team("attackers", Role.Attacker);
        var older = _contest.Attack(attacker, Label.Bird, defense);
        _contest.Clock.Advance(TimeSpan.FromMinutes(1));
        var newer = _contest.Attack(attacker, Label.Bird, defense);
        var early = _contest.Team("early", Role.Reviewer);
        var late = _contest.Team("late", Role.Reviewer);

        Assert.Equal(older.Id, Desk.Next(early)!.AttackId);
        Assert.Equal(newer.Id, Desk.Next(late)!.AttackId);
    }

    [Fact]
    public void Next_AnImageWithAllItsReviewsHandedOut_GoesToNobodyElse_UntilAnAssignmentExpires()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        var attack = _contest.Attack(_contest.Team("attackers", Role.Attacker), Label.Bird, defense);
        var one = _contest.Team("one", Role.Reviewer);
        var two = _contest.Team("two", Role.Reviewer);
        var three = _contest.Team("three", Role.Reviewer);
        Desk.Next(one);
        Desk.Next(two);

        Assert.Null(Desk.Next(three));

        _contest.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(attack.Id, Desk.Next(three)!.AttackId);
    }

    [Fact]
    public void Next_TwoKeysOfOneTeam_AreTwoReviewers()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        var attack = _contest.Attack(_contest.Team("attackers", Role.Attacker), Label.Bird, defense);
        var first = _contest.Team("reviewers", Role.Reviewer);
        var second = _contest.SecondKeyOf(first);

        Assert.Equal(attack.Id, Desk.Next(first)!.AttackId);
        Assert.Equal(attack.Id, Desk.Next(second)!.AttackId);
    }

    [Fact]
    public void Item_ShowsOnlyPixelsAndItsOwnId_NeverTheAttackTeamClaimOrVerdicts()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        var attack = _contest.Attack(_contest.Team("secret-attackers", Role.Attacker), Label.Bicycle, defense);
        var assignment = Desk.Next(_contest.Team("reviewers", Role.Reviewer))!;

        var item = assignment.ToItem([1, 2, 3], "image/png");

        Assert.Equal((assignment.Id, 224, 224), (item.ItemId, item.Width, item.Height));
        Assert.NotEqual(attack.Id, item.ItemId);
        var shown = item.ToString();
        Assert.DoesNotContain(attack.Id, shown);
        Assert.DoesNotContain(attack.TeamId, shown);
        Assert.DoesNotContain("secret-attackers", shown);
        // The message has no place for any of it.
        Assert.Equal(["item_id", "image", "content_type", "width", "height", "assigned_at"],
            ReviewItem.Descriptor.Fields.InFieldNumberOrder().Select(f => f.Name));
    }

    [Fact]
    public void Answered_NamesReviewersByAnswerOrder_NotByTeam()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        var attack = _contest.Attack(_contest.Team("attackers", Role.Attacker), Label.Bird, defense);
        var zulu = _contest.Team("zulu", Role.Reviewer);
        var alpha = _contest.Team("alpha", Role.Reviewer);
        Desk.Submit(zulu, Answer(Desk.Next(zulu)!.Id));
        _contest.Clock.Advance(TimeSpan.FromSeconds(1));
        Desk.Submit(alpha, Answer(Desk.Next(alpha)!.Id));

        var answered = Desk.Answered(attack.Id);

        Assert.Equal(["reviewer-1", "reviewer-2"], answered.Select(a => a.Handle));
        Assert.Equal(zulu.KeyId, answered[0].Review.ReviewerKeyId);
        Assert.All(answered, a => Assert.DoesNotContain("zulu", a.Review.ToProto(a.Handle).ToString()));
    }

    [Fact]
    public void Submit_TheLastNeededReview_DecidesTheImage()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        var attack = _contest.Attack(_contest.Team("attackers", Role.Attacker), Label.Bird, defense);
        var one = _contest.Team("one", Role.Reviewer);
        var two = _contest.Team("two", Role.Reviewer);

        var (_, afterOne) = Desk.Submit(one, Answer(Desk.Next(one)!.Id));
        Assert.Equal(AttackStatus.InReview, afterOne.Status);
        var (_, afterTwo) = Desk.Submit(two, Answer(Desk.Next(two)!.Id));

        Assert.Equal(AttackStatus.Valid, afterTwo.Status);
        Assert.Equal(AttackStatus.Valid, _contest.Get<AttackStore>().Find(attack.Id)!.Status);
    }

    internal static SubmitReviewRequest Answer(string itemId, Certainty bird = Certainty.DefinitelyYes) => new()
    {
        ItemId = itemId,
        Bird = bird,
        Bicycle = Certainty.DefinitelyNo,
        Box = new Box { X = 0, Y = 0, Width = 200, Height = 200 },
    };
}
