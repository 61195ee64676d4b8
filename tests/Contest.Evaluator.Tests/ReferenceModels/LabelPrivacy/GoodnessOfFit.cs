namespace Contest.Evaluator.Tests.ReferenceModels.LabelPrivacy;

/// <summary>Counts seeded draws and checks them against a theoretical distribution with Pearson's chi-square test.</summary>
internal static class GoodnessOfFit
{
    public const int Draws = 100_000;
    public const double Alpha = 0.001;

    /// <summary>How often each label in [0, classes) came out of <paramref name="draws"/> calls of <paramref name="draw"/>.</summary>
    public static long[] Count(int classes, Func<int> draw, int draws = Draws)
    {
        var counts = new long[classes];
        for (var i = 0; i < draws; i++)
            counts[draw()]++;
        return counts;
    }

    /// <summary>
    /// Labels of probability 0 must never appear; over the others, Pearson's statistic must stay below the chi-square critical
    /// value at level <see cref="Alpha"/> with (categories - 1) degrees of freedom. Draws are seeded, so a pass is reproducible.
    /// </summary>
    public static void AssertFits(long[] counts, double[] probabilities)
    {
        Assert.Equal(probabilities.Length, counts.Length);
        Assert.Equal(1.0, probabilities.Sum(), 9);
        var total = counts.Sum();
        var statistic = 0.0;
        var categories = 0;
        for (var label = 0; label < counts.Length; label++)
        {
            if (probabilities[label] == 0)
            {
                Assert.True(counts[label] == 0, $"Label {label} has probability 0 but came out {counts[label]} times.");
                continue;
            }
            var expected = total * probabilities[label];
            statistic += (counts[label] - expected) * (counts[label] - expected) / expected;
            categories++;
        }
        if (categories < 2)
            return;
        var critical = ChiSquare.UpperQuantile(Alpha, categories - 1);
        Assert.True(statistic < critical,
            $"Chi-square {statistic:F2} >= critical {critical:F3} (df {categories - 1}); counts [{string.Join(", ", counts)}].");
    }

    /// <summary>A distribution that puts <paramref name="keep"/> on one label and spreads the rest evenly over <paramref name="others"/>.</summary>
    public static double[] KeepOrSpread(int classes, int kept, double keep, IReadOnlyCollection<int> others)
    {
        var probabilities = new double[classes];
        foreach (var label in others)
            probabilities[label] = (1 - keep) / others.Count;
        probabilities[kept] = keep;
        return probabilities;
    }
}
