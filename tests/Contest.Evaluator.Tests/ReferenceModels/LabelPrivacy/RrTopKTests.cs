using Contest.ReferenceModels.LabelPrivacy;

namespace Contest.Evaluator.Tests.ReferenceModels.LabelPrivacy;

public class RrTopKTests
{
    private static readonly int[] TenClassCandidates = [7, 2, 5, 0];

    [Fact]
    public void Draw_TwoClassesTrueLabelInside_FitsTheDistribution()
    {
        var random = new Random(21);
        var counts = GoodnessOfFit.Count(2, () => RrTopK.Draw(0, [1, 0], 1.0, random));
        GoodnessOfFit.AssertFits(counts, [Math.E / (Math.E + 1), 1 / (Math.E + 1)]);
    }

    [Fact]
    public void Draw_TwoClassesTrueLabelOutside_ReturnsTheSingleCandidateWithoutDrawing()
    {
        var random = new Random(22);
        for (var i = 0; i < 1000; i++)
            Assert.Equal(1, RrTopK.Draw(0, [1], 1.0, random));
        Assert.Equal(new Random(22).Next(), random.Next());
    }

    [Fact]
    public void Draw_TenClassesTrueLabelInside_FitsTheDistribution()
    {
        // k = 4 at eps = 1.5: the true label with e^1.5 / (e^1.5 + 3), each other candidate with 1 / (e^1.5 + 3), the rest never.
        var random = new Random(23);
        var counts = GoodnessOfFit.Count(10, () => RrTopK.Draw(5, TenClassCandidates, 1.5, random));
        var keep = Math.Exp(1.5) / (Math.Exp(1.5) + 3);
        GoodnessOfFit.AssertFits(counts, GoodnessOfFit.KeepOrSpread(10, 5, keep, [7, 2, 0]));
    }

    [Fact]
    public void Draw_TenClassesTrueLabelOutside_IsUniformOverTheCandidates()
    {
        var random = new Random(24);
        var counts = GoodnessOfFit.Count(10, () => RrTopK.Draw(3, TenClassCandidates, 1.5, random));
        var probabilities = new double[10];
        foreach (var label in TenClassCandidates)
            probabilities[label] = 0.25;
        GoodnessOfFit.AssertFits(counts, probabilities);
    }

    [Fact]
    public void Draw_InfiniteEpsilonTrueLabelInside_AlwaysKeepsIt()
    {
        var random = new Random(25);
        for (var i = 0; i < 10_000; i++)
            Assert.Equal(2, RrTopK.Draw(2, TenClassCandidates, double.PositiveInfinity, random));
    }

    [Fact]
    public void Draw_SameSeed_ReplaysTheSameSequence()
    {
        static int[] Run(int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, 1000).Select(i => RrTopK.Draw(i % 10, TenClassCandidates, 1.0, random)).ToArray();
        }

        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }
}
