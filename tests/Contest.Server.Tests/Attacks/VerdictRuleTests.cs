using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Defenses;

namespace Contest.Server.Tests.Attacks;

public class VerdictRuleTests
{
    [Fact]
    public void Judge_ConfidentAndWrong_IsACandidate()
    {
        var verdict = VerdictRule.Judge("def_a", "job_a", [9f, 1f], threshold: 5f, Label.Bird);

        Assert.Equal(Label.Bicycle, verdict.Prediction);
        Assert.Equal(9f, verdict.Confidence);
        Assert.False(verdict.Abstained);
        Assert.True(verdict.Candidate);
    }

    [Fact]
    public void Judge_ConfidentAndRight_IsNoCandidate()
    {
        var verdict = VerdictRule.Judge("def_a", "job_a", [1f, 9f], threshold: 5f, Label.Bird);

        Assert.False(verdict.Abstained);
        Assert.False(verdict.Candidate);
    }

    [Fact]
    public void Judge_BelowTheThreshold_AbstainsEvenWhenWrong()
    {
        var verdict = VerdictRule.Judge("def_a", "job_a", [4.99f, 1f], threshold: 5f, Label.Bird);

        Assert.True(verdict.Abstained);
        Assert.False(verdict.Candidate);
    }

    [Fact]
    public void Judge_ExactlyAtTheThreshold_Answers()
    {
        var verdict = VerdictRule.Judge("def_a", "job_a", [5f, 1f], threshold: 5f, Label.Bird);

        Assert.False(verdict.Abstained);
        Assert.True(verdict.Candidate);
    }

    [Theory]
    [InlineData(float.NaN, 1f)]
    [InlineData(1f, float.NaN)]
    public void Judge_NaNLogit_Abstains(float bicycle, float bird)
    {
        var verdict = VerdictRule.Judge("def_a", "job_a", [bicycle, bird], threshold: -100f, Label.Bird);

        Assert.True(verdict.Abstained);
        Assert.False(verdict.Candidate);
        Assert.False(VerdictRule.IsConfidentMistake([bicycle, bird], -100f, Label.Bird));
    }

    [Fact]
    public void Judge_TiedLogits_PredictBicycle()
    {
        var verdict = VerdictRule.Judge("def_a", "job_a", [3f, 3f], threshold: 0f, Label.Bird);

        Assert.Equal(Label.Bicycle, verdict.Prediction);
        Assert.True(verdict.Candidate);
    }

    [Theory]
    [InlineData(2f, null, 2f)]
    [InlineData(2f, 3.5f, 3.5f)] // a higher declared threshold wins: the defense abstains more
    [InlineData(2f, 1f, 2f)] // a lower one never lets it abstain less than calibrated
    public void ThresholdInForce_IsTheCalibratedOrTheHigherDeclared(float calibrated, float? declared, float expected)
    {
        var defense = new DefenseRecord { Eligibility = new EligibilityState { Threshold = calibrated }, DeclaredThreshold = declared };

        Assert.Equal(expected, defense.ThresholdInForce());
    }
}
