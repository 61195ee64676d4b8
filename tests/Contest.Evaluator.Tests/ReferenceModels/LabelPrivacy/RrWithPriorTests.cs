using Contest.ReferenceModels.LabelPrivacy;

namespace Contest.Evaluator.Tests.ReferenceModels.LabelPrivacy;

public class RrWithPriorTests
{
    // Sorted: 0.30 (1), 0.20 (3), 0.15 (5), 0.10 (7), 0.06 (9), 0.05 (2), 0.05 (6), 0.04 (8), 0.03 (4), 0.02 (0).
    // At eps = 2 (e^2 = 7.389) the products are k = 1: 0.300, 2: 0.4404, 3: 0.5115, 4: 0.5334, 5: 0.5255, then falling; k* = 4.
    private static readonly double[] TenClassPrior = [0.02, 0.30, 0.05, 0.20, 0.03, 0.15, 0.05, 0.10, 0.04, 0.06];

    [Fact]
    public void TopLabels_EqualPriors_SmallerLabelFirst()
    {
        Assert.Equal([1, 3, 0, 2], RrWithPrior.TopLabels([0.2, 0.3, 0.2, 0.3], 4));
        Assert.Equal([1], RrWithPrior.TopLabels([0.2, 0.3, 0.2, 0.3], 1));
    }

    [Fact]
    public void ChooseK_HandMadeTenClassPrior_IsFour()
    {
        Assert.Equal(4, RrWithPrior.ChooseK(TenClassPrior, 2.0));
        Assert.Equal([1, 3, 5, 7], RrWithPrior.TopLabels(TenClassPrior, 4));
    }

    [Fact]
    public void Draw_TwoClassesBelowThreshold_FitsPlainRandomizedResponse()
    {
        // The top prior 0.6 is below e / (1 + e) = 0.731, so k* = 2.
        var random = new Random(41);
        var counts = GoodnessOfFit.Count(2, () => DrawExpectingK(0, [0.4, 0.6], 1.0, random, 2));
        GoodnessOfFit.AssertFits(counts, [Math.E / (Math.E + 1), 1 / (Math.E + 1)]);
    }

    [Fact]
    public void Draw_TwoClassesAboveThreshold_ReturnsTheTopLabelWithoutDrawing()
    {
        var random = new Random(42);
        for (var i = 0; i < 1000; i++)
            Assert.Equal(new LabelDraw(1, 1), RrWithPrior.Draw(i % 2, [0.1, 0.9], 1.0, random));
        Assert.Equal(new Random(42).Next(), random.Next());
    }

    [Fact]
    public void Draw_TenClassesTrueLabelInTopK_FitsTheDistribution()
    {
        var random = new Random(43);
        var counts = GoodnessOfFit.Count(10, () => DrawExpectingK(5, TenClassPrior, 2.0, random, 4));
        var keep = Math.Exp(2) / (Math.Exp(2) + 3);
        GoodnessOfFit.AssertFits(counts, GoodnessOfFit.KeepOrSpread(10, 5, keep, [1, 3, 7]));
    }

    [Fact]
    public void Draw_TenClassesTrueLabelOutsideTopK_IsUniformOverTheTopK()
    {
        var random = new Random(44);
        var counts = GoodnessOfFit.Count(10, () => DrawExpectingK(0, TenClassPrior, 2.0, random, 4));
        GoodnessOfFit.AssertFits(counts, [0, 0.25, 0, 0.25, 0, 0.25, 0, 0.25, 0, 0]);
    }

    [Fact]
    public void Draw_InfiniteEpsilon_KeepsEvenALabelOfZeroPrior()
    {
        var random = new Random(45);
        for (var i = 0; i < 1000; i++)
            Assert.Equal(new LabelDraw(3, 4), RrWithPrior.Draw(3, [0.7, 0.3, 0, 0], double.PositiveInfinity, random));
    }

    [Fact]
    public void Draw_SmallSumDrift_Accepted()
    {
        Assert.Equal(2, RrWithPrior.Draw(0, [0.4, 0.6 + 5e-7], 1.0, new Random(46)).K);
    }

    [Fact]
    public void Draw_SameSeed_ReplaysTheSameSequence()
    {
        static LabelDraw[] Run(int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, 1000).Select(i => RrWithPrior.Draw(i % 10, TenClassPrior, 2.0, random)).ToArray();
        }

        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }

    private static int DrawExpectingK(int trueLabel, double[] prior, double epsilon, Random random, int k)
    {
        var draw = RrWithPrior.Draw(trueLabel, prior, epsilon, random);
        Assert.Equal(k, draw.K);
        return draw.Label;
    }
}
