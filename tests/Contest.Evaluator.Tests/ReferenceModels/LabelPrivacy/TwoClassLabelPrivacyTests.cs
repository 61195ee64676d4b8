using Contest.ReferenceModels.LabelPrivacy;

namespace Contest.Evaluator.Tests.ReferenceModels.LabelPrivacy;

public class TwoClassLabelPrivacyTests
{
    [Theory]
    [InlineData(1.0, 0.2689)]
    [InlineData(2.0, 0.1192)]
    [InlineData(4.0, 0.0180)]
    public void FlipProbability_PaperEpsilons_RoundsToThePublishedRates(double epsilon, double rounded)
    {
        Assert.Equal(rounded, Math.Round(TwoClassLabelPrivacy.FlipProbability(epsilon), 4));
    }

    [Fact]
    public void FlipProbabilityAndThreshold_ExtremeEpsilons_StayExact()
    {
        Assert.Equal(0.0, TwoClassLabelPrivacy.FlipProbability(double.PositiveInfinity));
        Assert.Equal(1.0, TwoClassLabelPrivacy.PriorThreshold(double.PositiveInfinity));
        Assert.Equal(Math.E / (1 + Math.E), TwoClassLabelPrivacy.PriorThreshold(1.0), 15);
        // 1 / (1 + e^40) = 4.25e-18 survives (1 - keep would round it to 0).
        Assert.Equal(1.0, TwoClassLabelPrivacy.FlipProbability(40) / Math.Exp(-40), 12);
        Assert.Equal(0.0, TwoClassLabelPrivacy.FlipProbability(800));
    }

    [Theory]
    [InlineData(1.0, 51)]
    [InlineData(2.0, 52)]
    [InlineData(4.0, 54)]
    public void Draw_UniformPrior_FlipRateWithinTheBinomialInterval(double epsilon, int seed)
    {
        var random = new Random(seed);
        var flips = 0;
        for (var i = 0; i < GoodnessOfFit.Draws; i++)
        {
            var draw = TwoClassLabelPrivacy.Draw(i % 2, 0.5, epsilon, random);
            Assert.Equal(2, draw.K);
            if (draw.Label != i % 2)
                flips++;
        }

        // 99.9% two-sided normal interval around the theoretical rate (z = 3.2905).
        var rate = 1 / (1 + Math.Exp(epsilon));
        var halfWidth = 3.2905 * Math.Sqrt(rate * (1 - rate) / GoodnessOfFit.Draws);
        var observed = (double)flips / GoodnessOfFit.Draws;
        Assert.InRange(observed, rate - halfWidth, rate + halfWidth);
    }

    [Fact]
    public void Draw_BelowThreshold_FitsPlainRandomizedResponse()
    {
        var random = new Random(55);
        var counts = GoodnessOfFit.Count(2, () => TwoClassLabelPrivacy.Draw(1, 0.3, 1.0, random).Label);
        GoodnessOfFit.AssertFits(counts, [1 / (1 + Math.E), Math.E / (1 + Math.E)]);
    }

    [Theory]
    [InlineData(0.74, 1, 1)]
    [InlineData(0.26, 0, 1)]
    [InlineData(0.72, -1, 2)]
    [InlineData(0.28, -1, 2)]
    public void Draw_AroundTheThreshold_PriorDecidesOnlyAboveIt(double priorOfOne, int decided, int k)
    {
        // Threshold at eps = 1: e / (1 + e) = 0.7311.
        var random = new Random(56);
        for (var trueLabel = 0; trueLabel < 2; trueLabel++)
        {
            var draw = TwoClassLabelPrivacy.Draw(trueLabel, priorOfOne, 1.0, random);
            Assert.Equal(k, draw.K);
            if (decided >= 0)
                Assert.Equal(decided, draw.Label);
        }
    }

    [Fact]
    public void Draw_SameSeeds_AgreesWithRrWithPriorDrawForDraw()
    {
        foreach (var priorOfOne in new[] { 0.05, 0.3, 0.5, 0.8, 0.97 })
        {
            foreach (var epsilon in new[] { 0.5, 1.0, 2.0, 4.0 })
            {
                var twoClass = new Random(57);
                var general = new Random(57);
                for (var i = 0; i < 2000; i++)
                {
                    Assert.Equal(
                        RrWithPrior.Draw(i % 2, [1 - priorOfOne, priorOfOne], epsilon, general),
                        TwoClassLabelPrivacy.Draw(i % 2, priorOfOne, epsilon, twoClass));
                }
            }
        }
    }

    [Fact]
    public void Draw_InfiniteEpsilon_NeverFlipsEvenAgainstACertainPrior()
    {
        var random = new Random(58);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.Equal(new LabelDraw(i % 2, 2), TwoClassLabelPrivacy.Draw(i % 2, 0.5, double.PositiveInfinity, random));
            Assert.Equal(new LabelDraw(0, 2), TwoClassLabelPrivacy.Draw(0, 1.0, double.PositiveInfinity, random));
        }
    }

    [Fact]
    public void Draw_SameSeed_ReplaysTheSameSequence()
    {
        static LabelDraw[] Run(int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, 1000).Select(i => TwoClassLabelPrivacy.Draw(i % 2, 0.4, 1.0, random)).ToArray();
        }

        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }
}
