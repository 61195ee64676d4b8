using Contest.Contracts.V1;
using Contest.Server.Review;
using static Contest.Contracts.V1.Certainty;

namespace Contest.Server.Tests.Review;

public class ValidityRuleTests
{
    private static ReviewAnswers Bird(int boxSide = 180, bool truncated = false, bool occluded = false, bool depiction = false) =>
        new(DefinitelyYes, DefinitelyNo, boxSide, boxSide, truncated, occluded, depiction);

    [Fact]
    public void Decide_EveryReviewerDefinitelySeesTheClaimedClass_IsValid()
    {
        var decision = ValidityRule.Decide(Label.Bird, [Bird(), Bird(), Bird(200)]);

        Assert.True(decision.Valid);
        Assert.Contains("all 3 reviewers: definitely a bird and definitely not a bicycle", decision.Reason);
    }

    [Fact]
    public void Decide_OneReviewerOnlyMaybe_IsInvalidNamingThatReviewer()
    {
        var unsure = new ReviewAnswers(MaybeYes, DefinitelyNo, 180, 180, false, false, false);

        var decision = ValidityRule.Decide(Label.Bird, [Bird(), unsure, Bird()]);

        Assert.False(decision.Valid);
        Assert.Contains("reviewer 2 was not certain (bird: maybe_yes, bicycle: definitely_no)", decision.Reason);
    }

    [Fact]
    public void Decide_ReviewersSeeTheOtherClass_IsInvalid()
    {
        var decision = ValidityRule.Decide(Label.Bicycle, [Bird(), Bird(), Bird()]);

        Assert.False(decision.Valid);
        Assert.Contains("reviewer 1 saw a bird, but the attacker claimed a bicycle", decision.Reason);
    }

    [Fact]
    public void Decide_YesToBothClasses_IsNotCertain()
    {
        var both = new ReviewAnswers(DefinitelyYes, DefinitelyYes, 180, 180, false, false, false);

        Assert.False(ValidityRule.Decide(Label.Bird, [both]).Valid);
    }

    [Theory]
    [InlineData(112, true)] // 112 x 112 is exactly a quarter of 224 x 224.
    [InlineData(111, false)]
    public void Decide_TheSmallestBoxMustCoverAQuarterOfTheImage(int side, bool valid)
    {
        var decision = ValidityRule.Decide(Label.Bird, [Bird(), Bird(side), Bird()]);

        Assert.Equal(valid, decision.Valid);
        if (!valid)
            Assert.StartsWith("the smallest box drawn covers", decision.Reason);
    }

    [Fact]
    public void Decide_AnyReviewerMarksTruncatedOccludedOrDepiction_IsInvalidListingEach()
    {
        var decision = ValidityRule.Decide(Label.Bird, [Bird(truncated: true), Bird(depiction: true), Bird(occluded: true)]);

        Assert.False(decision.Valid);
        Assert.Equal("a reviewer marked the object truncated and occluded and a depiction, not a real object.", decision.Reason);
    }

    [Fact]
    public void Decide_NoReviews_IsInvalid() => Assert.False(ValidityRule.Decide(Label.Bird, []).Valid);
}
