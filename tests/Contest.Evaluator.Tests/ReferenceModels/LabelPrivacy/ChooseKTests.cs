using Contest.ReferenceModels.LabelPrivacy;

namespace Contest.Evaluator.Tests.ReferenceModels.LabelPrivacy;

public class ChooseKTests
{
    [Fact]
    public void ChooseK_ThreeClassesAtEpsOne_IsTwo()
    {
        // w_k = e / (e + k - 1) times the top-k mass:
        //   k = 1: 1           * 0.5 = 0.5
        //   k = 2: e / (e + 1) * 0.8 = 0.7311 * 0.8 = 0.5848   <- largest
        //   k = 3: e / (e + 2) * 1.0 = 0.5761
        Assert.Equal(2, RrWithPrior.ChooseK([0.5, 0.3, 0.2], 1.0));
    }

    [Fact]
    public void ChooseK_NearUniformTenClassesAtSmallEps_IsTen()
    {
        // At eps = 0.5 the products rise all the way: k = 9: 1.6487 / 9.6487 * 0.904 = 0.15447, k = 10: 1.6487 / 10.6487 * 1 = 0.15483.
        Assert.Equal(10, RrWithPrior.ChooseK([0.104, 0.102, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.098, 0.096], 0.5));
    }

    [Fact]
    public void ChooseK_PeakedPriorAtSmallEps_IsOne()
    {
        // k = 1: 0.9; k = 2: 1.6487 / 2.6487 * (0.9 + 0.1 / 9) = 0.5671; the products only fall from there.
        var prior = new double[10];
        Array.Fill(prior, 0.1 / 9);
        prior[4] = 0.9;
        Assert.Equal(1, RrWithPrior.ChooseK(prior, 0.5));
    }

    [Fact]
    public void ChooseK_InfiniteEpsilon_IsAllClassesEvenWithZeroPriors()
    {
        Assert.Equal(4, RrWithPrior.ChooseK([0.7, 0.3, 0, 0], double.PositiveInfinity));
    }

    [Fact]
    public void ChooseK_HugeFiniteEpsilon_TakesEveryLabelOfPositivePrior()
    {
        // e^-800 is below every positive double, so any positive prior earns its place; a zero prior never does.
        Assert.Equal(3, RrWithPrior.ChooseK([0.5, 0.3, 0.2], 800));
        Assert.Equal(2, RrWithPrior.ChooseK([0.7, 0.3, 0], 800));
    }

    [Fact]
    public void ChooseK_TinyPriorAboveEMinusEps_JoinsTheSet()
    {
        // Growing to k = 2 pays iff p_2 e^eps > p_1. At eps = 50, 1e-17 * e^50 = 5e4 > 1 although the products,
        // 1 and (1 + 1e-17) / (1 + e^-50), round to the same double; at eps = 30, 1e-17 * e^30 = 1e-4 < 1.
        Assert.Equal(2, RrWithPrior.ChooseK([1.0, 1e-17], 50));
        Assert.Equal(1, RrWithPrior.ChooseK([1.0, 1e-17], 30));
    }

    [Fact]
    public void ChooseK_RandomPriors_MatchesTheArgmaxOfTheFormula()
    {
        var random = new Random(31);
        double[] epsilons = [0.1, 0.5, 1, 2, 4, 8];
        for (var trial = 0; trial < 3000; trial++)
        {
            var prior = RandomPrior(random, random.Next(2, 13));
            var epsilon = epsilons[trial % epsilons.Length];
            Assert.Equal(BruteForceArgmax(prior, epsilon), RrWithPrior.ChooseK(prior, epsilon));
        }
    }

    // The paper's formula read literally: every k, weight e^eps / (e^eps + k - 1) times the top-k mass, first maximum wins.
    private static int BruteForceArgmax(double[] prior, double epsilon)
    {
        var sorted = prior.OrderDescending().ToArray();
        double best = double.NegativeInfinity, mass = 0;
        var bestK = 0;
        for (var k = 1; k <= sorted.Length; k++)
        {
            mass += sorted[k - 1];
            var value = Math.Exp(epsilon) / (Math.Exp(epsilon) + k - 1) * mass;
            if (value > best)
                (best, bestK) = (value, k);
        }
        return bestK;
    }

    // Normalised exponentials, cubed to make some priors peaked and some flat.
    private static double[] RandomPrior(Random random, int classes)
    {
        var prior = new double[classes];
        var power = random.Next(1, 4);
        for (var i = 0; i < classes; i++)
            prior[i] = Math.Pow(-Math.Log(1 - random.NextDouble()), power);
        var sum = prior.Sum();
        for (var i = 0; i < classes; i++)
            prior[i] /= sum;
        return prior;
    }
}
