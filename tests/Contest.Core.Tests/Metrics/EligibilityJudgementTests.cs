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
        Assert.Equal(7.5f, EligibilityJudgement.Judge(Eligibility, Labels, 7.5f, [], []).Threshold);
        Assert.Equal(3f, EligibilityJudgement.Judge(Eligibility, Labels, 1f, [], []).Threshold);
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
