using Contest.ReferenceModels.LabelPrivacy;

namespace Contest.Evaluator.Tests.ReferenceModels.LabelPrivacy;

public class LabelPrivacyArgumentTests
{
    private static readonly Random Seeded = new(1);

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void EveryMechanism_NonPositiveEpsilon_Refused(double epsilon)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomizedResponse.KeepProbability(epsilon, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomizedResponse.Draw(0, 10, epsilon, Seeded));
        Assert.Throws<ArgumentOutOfRangeException>(() => RrTopK.Draw(0, [0, 1], epsilon, Seeded));
        Assert.Throws<ArgumentOutOfRangeException>(() => RrWithPrior.ChooseK([0.5, 0.5], epsilon));
        Assert.Throws<ArgumentOutOfRangeException>(() => RrWithPrior.Draw(0, [0.5, 0.5], epsilon, Seeded));
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoClassLabelPrivacy.FlipProbability(epsilon));
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoClassLabelPrivacy.PriorThreshold(epsilon));
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoClassLabelPrivacy.Draw(0, 0.5, epsilon, Seeded));
    }

    [Fact]
    public void RandomizedResponse_BadClassesOrLabel_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomizedResponse.KeepProbability(1, 1));
        var outside = Assert.Throws<ArgumentOutOfRangeException>(() => RandomizedResponse.Draw(10, 10, 1, Seeded));
        Assert.Contains("Label 10 is outside [0, 10)", outside.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomizedResponse.Draw(-1, 10, 1, Seeded));
        Assert.Throws<ArgumentNullException>(() => RandomizedResponse.Draw(0, 10, 1, null!));
    }

    [Fact]
    public void RrTopK_BadCandidates_Refused()
    {
        Assert.Throws<ArgumentException>(() => RrTopK.Draw(0, [], 1, Seeded));
        var repeated = Assert.Throws<ArgumentException>(() => RrTopK.Draw(0, [3, 1, 3], 1, Seeded));
        Assert.Contains("appears more than once", repeated.Message);
        Assert.Throws<ArgumentException>(() => RrTopK.Draw(0, [2, -1], 1, Seeded));
        Assert.Throws<ArgumentOutOfRangeException>(() => RrTopK.Draw(-1, [0, 1], 1, Seeded));
    }

    [Theory]
    [InlineData(new[] { 1.0 }, "at least 2 classes")]
    [InlineData(new[] { 0.5, -0.1, 0.6 }, "finite and non-negative")]
    [InlineData(new[] { 0.5, double.NaN }, "finite and non-negative")]
    [InlineData(new[] { 0.5, double.PositiveInfinity }, "finite and non-negative")]
    [InlineData(new[] { 0.0, 0.0 }, "all zero")]
    [InlineData(new[] { 0.2, 0.3 }, "sums to 0.5")]
    public void RrWithPrior_BadPrior_RefusedWithAReason(double[] prior, string reason)
    {
        var refusal = Assert.Throws<ArgumentException>(() => RrWithPrior.ChooseK(prior, 1));
        Assert.Contains(reason, refusal.Message);
        Assert.Throws<ArgumentException>(() => RrWithPrior.TopLabels(prior, 1));
        Assert.Throws<ArgumentException>(() => RrWithPrior.Draw(0, prior, 1, Seeded));
    }

    [Fact]
    public void RrWithPrior_BadLabelOrK_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RrWithPrior.Draw(2, [0.5, 0.5], 1, Seeded));
        Assert.Throws<ArgumentOutOfRangeException>(() => RrWithPrior.TopLabels([0.5, 0.5], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RrWithPrior.TopLabels([0.5, 0.5], 3));
    }

    [Theory]
    [InlineData(2, 0.5)]
    [InlineData(-1, 0.5)]
    [InlineData(0, 1.5)]
    [InlineData(0, -0.1)]
    [InlineData(0, double.NaN)]
    public void TwoClass_BadLabelOrPrior_Refused(int trueLabel, double priorOfOne)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoClassLabelPrivacy.Draw(trueLabel, priorOfOne, 1, Seeded));
    }
}
