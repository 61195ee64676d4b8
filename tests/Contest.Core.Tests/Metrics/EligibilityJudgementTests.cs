using Contest.Core.Metrics;
using static Contest.Core.ClassLabel;

namespace Contest.Core.Tests.Metrics;

public class EligibilityJudgementTests
{
    // Ten eligibility images with confidences 10..1; the only error has confidence 2 (outside the top 80%).
    private static readonly Logits[] Eligibility =
        Enumerable.Range(0, 10).Select(i => i == 8 ? new Logits(0, 10 - i) : new Logits(10 - i, 0)).ToArray();

    private static readonly ClassLabel[] Labels = Enumerable.Repeat(Bicycle, 10).ToArray();

    [Fact]
    public void Judge_ErrorOnlyAmongTheLeastConfident_EligibleWithThresholdAt80()
    {
        var judgement = EligibilityJudgement.Judge(Eligibility, Labels, null, [], []);

        Assert.True(judgement.Eligible, judgement.Reason);
        Assert.Equal(3f, judgement.Threshold);
        Assert.Equal(1.0, judgement.Metrics.AccuracyAt80);
    }

    [Fact]
    public void Judge_ConfidentError_IneligibleSayingHowMany()
    {
        var labels = Labels.ToArray();
        labels[0] = Bird;

        var judgement = EligibilityJudgement.Judge(Eligibility, labels, null, [], []);

        Assert.False(judgement.Eligible);
        Assert.Contains("1 confident error(s) among the 8 most confident", judgement.Reason);
    }

    [Fact]
    public void Judge_HigherDeclaredThreshold_IsUsed_LowerIsNot()
    {
        // With a minimum coverage of 30%, 7.5 (answering 10, 9 and 8) is allowed.
        Assert.Equal(7.5f, EligibilityJudgement.Judge(Eligibility, Labels, 7.5f, [], [], minCoverage: 0.3).Threshold);
        Assert.Equal(3f, EligibilityJudgement.Judge(Eligibility, Labels, 1f, [], []).Threshold);
    }

    [Fact]
    public void Judge_DeclaredThresholdAnsweringNoCleanImage_IneligibleWithTheNumbers()
    {
        var eligibility = Enumerable.Range(0, 200).Select(i => new Logits(5 + (i % 7), 0)).ToArray();
        var labels = Enumerable.Repeat(Bicycle, 200).ToArray();

        var judgement = EligibilityJudgement.Judge(eligibility, labels, 1e30f, [], []);

        Assert.False(judgement.Eligible);
        Assert.StartsWith("declared threshold 1E+30 covers 0 of 200 clean eligibility images (0%); at least 80% must be answered", judgement.Reason);
    }

    [Fact]
    public void Judge_DeclaredThresholdAnswering70Percent_Ineligible_At80PercentEligible()
    {
        // Confidences 10..1: 3.5 answers seven of ten, 3 answers eight.
        var refused = EligibilityJudgement.Judge(Eligibility, Labels, 3.5f, [], []);
        var allowed = EligibilityJudgement.Judge(Eligibility, Labels, 3f, [], []);

        Assert.False(refused.Eligible);
        Assert.Contains("covers 7 of 10 clean eligibility images (70%)", refused.Reason);
        Assert.True(allowed.Eligible, allowed.Reason);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Judge_NonFiniteLogits_IneligibleSayingHowManyAndWhich_TheThresholdIsANumber(float bad)
    {
        var eligibility = Eligibility.ToArray();
        eligibility[4] = new Logits(bad, 0);
        eligibility[7] = new Logits(0, bad);

        var judgement = EligibilityJudgement.Judge(eligibility, Labels, null, [], []);

        Assert.False(judgement.Eligible);
        Assert.Contains("non-finite logits (NaN or infinity) on 2 of 10 eligibility images (the first, image #4", judgement.Reason);
        Assert.False(float.IsNaN(judgement.Threshold));
        Assert.Equal(float.MaxValue, judgement.Threshold);
    }

    [Fact]
    public void Effective_ANaNCalibratedThreshold_AbstainsOnEverything_NeverNaN()
    {
        Assert.Equal(float.MaxValue, Rules.AbstainThreshold.Effective(float.NaN, null));
        Assert.Equal(float.MaxValue, Rules.AbstainThreshold.Effective(float.NaN, 5f));
        Assert.Equal(5f, Rules.AbstainThreshold.Effective(3f, 5f));
    }

    [Fact]
    public void Judge_FooledByAnEarlierAdversarialImage_Ineligible_AbstainingIsFine()
    {
        Logits[] prior = [new(0, 9), new(0, 1)];
        ClassLabel[] priorLabels = [Bicycle, Bicycle];

        var judgement = EligibilityJudgement.Judge(Eligibility, Labels, null, prior, priorLabels);

        // Confidence 9 >= threshold 3 and wrong: fooled. Confidence 1 < 3: abstained, not fooled.
        Assert.False(judgement.Eligible);
        Assert.Equal((2, 1), (judgement.PriorChecked, judgement.PriorFailed));
        Assert.Contains("fooled by 1 of 2", judgement.Reason);
    }
}
