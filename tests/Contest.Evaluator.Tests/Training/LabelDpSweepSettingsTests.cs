using Contest.Contracts;
using Contest.Core.Training;

namespace Contest.Evaluator.Tests.Training;

/// <summary>The label-DP sweep's parameters as client, server and worker read them.</summary>
public class LabelDpSweepSettingsTests
{
    [Fact]
    public void From_NoParameters_IsThePapersGridWithThreeSeeds_SizedForTwoCores()
    {
        var settings = LabelDpSweepSettings.From(new Dictionary<string, string>(), seed: 4);

        Assert.Equal([0.25, 0.5, 1, 2, 4, 8, double.PositiveInfinity], settings.Epsilons);
        Assert.Equal(3, settings.Seeds);
        Assert.Equal(TrainingProfile.Quick, settings.Profile);
        Assert.Equal(ArchitectureNames.ResNetSmallName, settings.Base.Architecture);
        Assert.Equal("0.25,0.5,1,2,4,8,inf", settings.Describe()["epsilons"]);
    }

    [Fact]
    public void PlanFor_GivesLp1stLp2stAndTheBaseline_FromOneBase()
    {
        var settings = LabelDpSweepSettings.From(new Dictionary<string, string> { ["epochs"] = "3" }, seed: 4);

        var lp1 = settings.PlanFor(2, 1, 9);
        var lp2 = settings.PlanFor(2, 2, 9);
        var baseline = settings.PlanFor(double.PositiveInfinity, 2, 9);

        Assert.Equal((RecipeKind.LabelDp, 2.0, 1, LabelMechanism.RandomizedResponse, 9L), (lp1.Recipe, lp1.LabelEpsilon, lp1.Stages, lp1.Mechanism, lp1.Seed));
        Assert.Equal((RecipeKind.LabelDp, 2, LabelMechanism.RrWithPrior), (lp2.Recipe, lp2.Stages, lp2.Mechanism));
        Assert.Equal((RecipeKind.Undefended, 1), (baseline.Recipe, baseline.Stages));
        Assert.All(new[] { lp1, lp2, baseline }, p => Assert.Equal(3, p.Epochs));
        lp1.Validate();
        lp2.Validate();
        baseline.Validate();
    }

    [Theory]
    [InlineData("colour", "red", "unknown parameter 'colour'")]
    [InlineData("epsilons", "1,abc", "'abc' is neither")]
    [InlineData("epsilons", "0,1", "in (0, 50] or inf")]
    [InlineData("seeds", "0", "seeds must be a whole number from 1 to 20")]
    [InlineData("profile", "huge", "quick or full")]
    [InlineData("images_per_class", "0", "images_per_class must be -1")]
    [InlineData("mixup", "yes", "true or false")]
    public void From_ABadParameter_SaysWhatIsWrong(string name, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => LabelDpSweepSettings.From(new Dictionary<string, string> { [name] = value }, seed: 1));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void From_AnEpsilonList_IsSortedWithoutRepeats_AndReadsInf()
    {
        var settings = LabelDpSweepSettings.From(new Dictionary<string, string> { ["epsilons"] = "4, inf, 1,4" }, seed: 1);

        Assert.Equal([1, 4, double.PositiveInfinity], settings.Epsilons);
    }
}
