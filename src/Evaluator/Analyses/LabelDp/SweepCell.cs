using Contest.ReferenceModels.LabelPrivacy;

namespace Contest.Evaluator.Analyses.LabelDp;

/// <summary>One cell of the sweep (an epsilon and a method) over its seeds, with the release pooled.</summary>
internal sealed record SweepCell(double Epsilon, SweepMethod Method, IReadOnlyList<SweepRun> Runs)
{
    public static IReadOnlyList<SweepCell> Of(IEnumerable<SweepRun> runs) =>
        [.. runs.GroupBy(r => (r.Epsilon, r.Method)).OrderBy(g => g.Key.Epsilon).ThenBy(g => g.Key.Method)
            .Select(g => new SweepCell(g.Key.Epsilon, g.Key.Method, [.. g.OrderBy(r => r.Seed)]))];

    public double MeanAccuracy => Runs.Average(r => r.TestAccuracy);

    /// <summary>Sample standard deviation over seeds (0 for one seed).</summary>
    public double AccuracySpread => StandardDeviation(Runs.Select(r => r.TestAccuracy).ToArray());

    /// <summary>Every seed's release added up.</summary>
    public StageRelease Release => StageRelease.Sum(Runs.Select(r => r.Release));

    /// <summary>Randomized response's flip probability at this epsilon (0 for the baseline).</summary>
    public double TheoreticalFlipRate => double.IsPositiveInfinity(Epsilon) ? 0 : TwoClassLabelPrivacy.FlipProbability(Epsilon);

    /// <summary>The central 99% of the number of flips among the pooled randomized draws if they flip at the theoretical rate, as rates.</summary>
    public (double Low, double High) FlipInterval99
    {
        get
        {
            var n = Release.Randomized;
            if (n == 0)
                return (0, 0);
            var (low, high) = Binomial.CentralInterval(n, TheoreticalFlipRate, 0.99);
            return ((double)low / n, (double)high / n);
        }
    }

    /// <summary>Whether the realised flip count lies in that interval (true when nothing was randomized).</summary>
    public bool FlipRateConsistent
    {
        get
        {
            var n = Release.Randomized;
            if (n == 0)
                return true;
            var (low, high) = Binomial.CentralInterval(n, TheoreticalFlipRate, 0.99);
            return Release.RandomizedFlipped >= low && Release.RandomizedFlipped <= high;
        }
    }

    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
            return 0;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
