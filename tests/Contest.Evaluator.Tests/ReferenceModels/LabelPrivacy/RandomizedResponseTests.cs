using Contest.ReferenceModels.LabelPrivacy;

namespace Contest.Evaluator.Tests.ReferenceModels.LabelPrivacy;

public class RandomizedResponseTests
{
    [Fact]
    public void KeepProbability_TenClassesAtEpsOne_IsEOverEPlusNine()
    {
        Assert.Equal(Math.E / (Math.E + 9), RandomizedResponse.KeepProbability(1.0, 10), 15);
    }

    [Fact]
    public void KeepProbability_ExtremeEpsilons_StayFiniteAndInRange()
    {
        Assert.Equal(1.0, RandomizedResponse.KeepProbability(double.PositiveInfinity, 10));
        // e^800 overflows a double; the keep probability must not turn into inf / inf.
        Assert.Equal(1.0, RandomizedResponse.KeepProbability(800, 10));
        Assert.Equal(0.1, RandomizedResponse.KeepProbability(1e-300, 10), 15);
    }

    [Fact]
    public void Draw_TwoClasses_FitsTheDistribution()
    {
        var random = new Random(11);
        var counts = GoodnessOfFit.Count(2, () => RandomizedResponse.Draw(1, 2, 1.0, random));
        var keep = Math.E / (Math.E + 1);
        GoodnessOfFit.AssertFits(counts, [1 - keep, keep]);
    }

    [Fact]
    public void Draw_TenClasses_FitsTheDistribution()
    {
        var random = new Random(12);
        var counts = GoodnessOfFit.Count(10, () => RandomizedResponse.Draw(3, 10, 1.0, random));
        var others = Enumerable.Range(0, 10).Where(label => label != 3).ToArray();
        GoodnessOfFit.AssertFits(counts, GoodnessOfFit.KeepOrSpread(10, 3, Math.E / (Math.E + 9), others));
    }

    [Fact]
    public void Draw_InfiniteEpsilon_NeverFlips()
    {
        var random = new Random(13);
        for (var i = 0; i < 10_000; i++)
            Assert.Equal(i % 10, RandomizedResponse.Draw(i % 10, 10, double.PositiveInfinity, random));
    }

    [Fact]
    public void Draw_SameSeed_ReplaysTheSameSequence()
    {
        static int[] Run(int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, 1000).Select(i => RandomizedResponse.Draw(i % 10, 10, 0.5, random)).ToArray();
        }

        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }
}
