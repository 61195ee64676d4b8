using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Defenses;
using Contest.Server.Review;
using Contest.Server.Tests.Support;
using Grpc.Core;

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
    public void Next_TwoKeysOfOneTeam_AreOneReviewer_TheSecondIsNotOfferedTheImage()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        var attack = _contest.Attack(_contest.Team("attackers", Role.Attacker), Label.Bird, defense);
        var first = _contest.Team("reviewers", Role.Reviewer);
        var second = _contest.SecondKeyOf(first);

        Assert.Equal(attack.Id, Desk.Next(first)!.AttackId);
        Assert.Null(Desk.Next(second));
        Desk.Submit(first, Answer(Desk.Next(first)!.Id));
        Assert.Null(Desk.Next(second));
    }

    [Fact]
    public void Submit_TheItemOfAnotherKeyOfTheTeam_IsRefused_AndTheImageStaysInReview()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        var attack = _contest.Attack(_contest.Team("attackers", Role.Attacker), Label.Bird, defense);
        var first = _contest.Team("reviewers", Role.Reviewer);
        var second = _contest.SecondKeyOf(first);
        var item = Desk.Next(first)!;

        var refused = Assert.Throws<RpcException>(() => Desk.Submit(second, Answer(item.Id)));

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("another key of your team", refused.Status.Detail);
        Assert.Contains("reviews each image once", refused.Status.Detail);
        Assert.Equal(0, _contest.Get<IReviewProgress>().Done(attack.Id));
    }

    [Fact]
    public void Submit_ItemOfAnotherTeam_IsNotFound_SayingNothingAboutIt()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        _contest.Attack(_contest.Team("attackers", Role.Attacker), Label.Bird, defense);
        var item = Desk.Next(_contest.Team("reviewers", Role.Reviewer))!;

        var refused = Assert.Throws<RpcException>(() => Desk.Submit(_contest.Team("others", Role.Reviewer), Answer(item.Id)));

        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("team", refused.Status.Detail);
    }

    [Fact]
    public void Submit_AfterATeammateAnsweredTheSameImage_IsRefused_AndThatItemIsNotHandedOutAgain()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        var attack = _contest.Attack(_contest.Team("attackers", Role.Attacker), Label.Bird, defense);
        var slow = _contest.Team("reviewers", Role.Reviewer);
        var quick = _contest.SecondKeyOf(slow);
        var late = Desk.Next(slow)!;
        // The slow key's assignment expires, so the image goes back to the team's other key ...
        _contest.Clock.Advance(TimeSpan.FromMinutes(61));
        var taken = Desk.Next(quick)!;
        Assert.Equal(attack.Id, taken.AttackId);
        // ... but the slow key still answers first, and the team's one review is in.
        Desk.Submit(slow, Answer(late.Id));

        var refused = Assert.Throws<RpcException>(() => Desk.Submit(quick, Answer(taken.Id)));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("your team has already reviewed", refused.Status.Detail);
        Assert.Null(Desk.Next(quick));
        Assert.Equal(1, _contest.Get<IReviewProgress>().Done(attack.Id));
    }

    [Fact]
    public void Submit_AsManyKeysOfOneTeamAsReviewsNeeded_CannotDecideAnImage()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        var attack = _contest.Attack(_contest.Team("attackers", Role.Attacker), Label.Bird, defense);
        var team = _contest.Team("reviewers", Role.Reviewer);
        var keys = new[] { team, _contest.SecondKeyOf(team), _contest.SecondKeyOf(team) };

        var items = keys.Select(k => Desk.Next(k)).ToList();
        Desk.Submit(keys[0], Answer(items[0]!.Id));

        Assert.Equal([attack.Id, null, null], items.Select(i => i?.AttackId));
        Assert.Equal(AttackStatus.InReview, _contest.Get<AttackStore>().Find(attack.Id)!.Status);
        // The next team's review is the one that completes it.
        var other = _contest.Team("other-reviewers", Role.Reviewer);
        var (_, decided) = Desk.Submit(other, Answer(Desk.Next(other)!.Id));
        Assert.Equal(AttackStatus.Valid, decided.Status);
    }

    [Fact]
    public void Submit_AnswersFromTwoKeysOfOneTeam_RecordedBeforeThisRule_CountOnce()
    {
        var defense = _contest.Defense(_contest.Team("defenders", Role.Defender));
        var attack = _contest.Attack(_contest.Team("attackers", Role.Attacker), Label.Bird, defense);
        var team = _contest.Team("reviewers", Role.Reviewer);
        var twin = _contest.SecondKeyOf(team);
        // Two keys of one team were each handed the image by the old per-key rule; the first answered.
        var (first, second) = _contest.Db.Write(() =>
        {
            var store = _contest.Get<ReviewStore>();
            var a = new ReviewRecord { Id = "rev_old1", AttackId = attack.Id, ReviewerKeyId = team.KeyId, ReviewerTeamId = team.TeamId, AssignedAt = _contest.Now };
            var b = new ReviewRecord { Id = "rev_old2", AttackId = attack.Id, ReviewerKeyId = twin.KeyId, ReviewerTeamId = team.TeamId, AssignedAt = _contest.Now };
            store.Insert(a);
            store.Insert(b);
            return (a, b);
        });
        Desk.Submit(team, Answer(first.Id));

        var refused = Assert.Throws<RpcException>(() => Desk.Submit(twin, Answer(second.Id)));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal(1, _contest.Get<IReviewProgress>().Done(attack.Id));
        Assert.Equal(AttackStatus.InReview, _contest.Get<AttackStore>().Find(attack.Id)!.Status);
    }

    [Fact]
    public void Next_NeverHandsAnImageToTheOwnerOfADefenseItWouldBreak_ButToOneItDidNotFool()
    {
        var defenders = _contest.Team("defenders", Role.Defender, Role.Reviewer);
        var fooled = _contest.Defense(defenders);
        var bystanders = _contest.Team("bystanders", Role.Defender, Role.Reviewer);
        var answeredRight = _contest.Defense(bystanders);
        var attack = _contest.Attack(_contest.Team("attackers", Role.Attacker), Label.Bird, fooled);
        // The image also targeted the bystanders' defense, which answered correctly: its validity cannot break it.
        _contest.Db.Write(() =>
        {
            attack.TargetDefenseIds.Add(answeredRight.Id);
            attack.Verdicts.Add(VerdictRule.Judge(answeredRight.Id, "job_right", [0f, 50f], answeredRight.ThresholdInForce(), Label.Bird));
            _contest.Get<AttackStore>().Update(attack);
        });

        Assert.Null(Desk.Next(defenders));
        Assert.Equal(attack.Id, Desk.Next(bystanders)!.AttackId);
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
