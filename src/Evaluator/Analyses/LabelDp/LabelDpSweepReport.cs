using System.Globalization;
using System.Text;
using Contest.Contracts;
using Contest.Contracts.V1;

namespace Contest.Evaluator.Analyses.LabelDp;

/// <summary>
/// The sweep's result as the server stores it: a table per cell, LP-2ST against LP-1ST paired by
/// seed, every run, and the paper's rows (other datasets); a summary of the headline numbers; notes on
/// what was done where the method leaves a choice.
/// </summary>
internal static class LabelDpSweepReport
{
    public const string PlotArtifact = "accuracy-vs-epsilon.png";
    public const string RunsCsvArtifact = "runs.csv";

    public static AnalysisResult Build(LabelDpSweepSettings settings, IReadOnlyList<SweepRun> runs, int trainImages, int testImages, string device)
    {
        var cells = SweepCell.Of(runs);
        var result = new AnalysisResult { Kind = AnalysisKind.LabelDpSweep, Notes = Notes(settings, trainImages, testImages, device) };
        result.Tables.Add(CellsTable(cells));
        result.Tables.Add(PairedTable(cells));
        result.Tables.Add(RunsTable(runs));
        result.Tables.Add(PublishedTable());
        foreach (var (name, value) in Summary(cells))
            result.Summary[name] = value;
        result.Artifacts.Add(new Artifact { Name = PlotArtifact, ContentType = "image/png" });
        result.Artifacts.Add(new Artifact { Name = RunsCsvArtifact, ContentType = "text/csv" });
        return result;
    }

    /// <summary>The runs as CSV, one line each.</summary>
    public static string RunsCsv(IReadOnlyList<SweepRun> runs)
    {
        var text = new StringBuilder("epsilon,method,seed,test_accuracy,labels_drawn,randomized,randomized_flipped,decided_by_prior,prior_wrong,seconds\n");
        foreach (var r in runs)
            text.AppendLine(string.Join(',', LabelDpSweepSettings.Format(r.Epsilon), LabelDpSweep.Words(r.Method), Invariant(r.Seed), Invariant(r.TestAccuracy),
                Invariant(r.Release.Drawn), Invariant(r.Release.Randomized), Invariant(r.Release.RandomizedFlipped), Invariant(r.Release.DecidedByPrior),
                Invariant(r.Release.PriorWrong), Invariant(Math.Round(r.Seconds, 1))));
        return text.ToString();
    }

    private static ResultTable CellsTable(IReadOnlyList<SweepCell> cells)
    {
        var table = Table("cells",
            "epsilon", "method", "seeds", "test accuracy % (mean)", "sd (points)", "min-max %", "label noise %",
            "RR flip rate % (realised)", "RR flip rate % (theory)", "theory's 99% interval", "consistent", "decided by prior %", "s per run");
        foreach (var c in cells)
        {
            var (low, high) = c.FlipInterval99;
            var release = c.Release;
            var isBaseline = c.Method == SweepMethod.NonPrivate;
            Row(table, LabelDpSweepSettings.Format(c.Epsilon), LabelDpSweep.Words(c.Method), Invariant(c.Runs.Count), Percent(c.MeanAccuracy),
                Points(c.AccuracySpread), $"{Percent(c.Runs.Min(r => r.TestAccuracy))}-{Percent(c.Runs.Max(r => r.TestAccuracy))}",
                isBaseline ? "0" : Percent(release.NoiseRate),
                isBaseline ? "-" : Percent(release.FlipRate), isBaseline ? "-" : Percent(c.TheoreticalFlipRate),
                isBaseline ? "-" : $"{Percent(low)}-{Percent(high)} of {release.Randomized}",
                isBaseline ? "-" : c.FlipRateConsistent ? "yes" : "NO",
                isBaseline ? "-" : Percent(release.DecidedByPriorFraction),
                c.Runs.Average(r => r.Seconds).ToString("0", CultureInfo.InvariantCulture));
        }
        return table;
    }

    /// <summary>LP-2ST minus LP-1ST at each epsilon, paired by seed (both runs of a seed use the same images and starting seed).</summary>
    private static ResultTable PairedTable(IReadOnlyList<SweepCell> cells)
    {
        var table = Table("lp2st_vs_lp1st", "epsilon", "LP-1ST %", "LP-2ST %", "difference (points)", "sd of paired differences", "LP-2ST better in");
        foreach (var epsilon in cells.Where(c => double.IsFinite(c.Epsilon)).Select(c => c.Epsilon).Distinct())
        {
            var one = cells.FirstOrDefault(c => c.Epsilon.Equals(epsilon) && c.Method == SweepMethod.Lp1st);
            var two = cells.FirstOrDefault(c => c.Epsilon.Equals(epsilon) && c.Method == SweepMethod.Lp2st);
            if (one is null || two is null)
                continue;
            var differences = PairedDifferences(one, two);
            Row(table, LabelDpSweepSettings.Format(epsilon), Percent(one.MeanAccuracy), Percent(two.MeanAccuracy),
                Points(two.MeanAccuracy - one.MeanAccuracy, signed: true), Points(SweepCell.StandardDeviation(differences)),
                $"{differences.Count(d => d > 0)} of {differences.Length} seeds");
        }
        return table;
    }

    private static double[] PairedDifferences(SweepCell one, SweepCell two) =>
        [.. two.Runs.Join(one.Runs, r => r.Seed, r => r.Seed, (b, a) => b.TestAccuracy - a.TestAccuracy)];

    private static ResultTable RunsTable(IReadOnlyList<SweepRun> runs)
    {
        var table = Table("runs", "epsilon", "method", "seed", "test accuracy %", "labels", "randomized", "flipped", "by prior", "prior wrong", "seconds");
        foreach (var r in runs.OrderBy(r => r.Epsilon).ThenBy(r => r.Method).ThenBy(r => r.Seed))
            Row(table, LabelDpSweepSettings.Format(r.Epsilon), LabelDpSweep.Words(r.Method), Invariant(r.Seed), Percent(r.TestAccuracy),
                Invariant(r.Release.Drawn), Invariant(r.Release.Randomized), Invariant(r.Release.RandomizedFlipped),
                Invariant(r.Release.DecidedByPrior), Invariant(r.Release.PriorWrong), r.Seconds.ToString("0", CultureInfo.InvariantCulture));
        return table;
    }

    private static ResultTable PublishedTable()
    {
        var table = Table("published", "dataset (not this one)", "method", "epsilon", "test accuracy %");
        foreach (var row in PublishedLabelDp.Rows)
            Row(table, row.Dataset, row.Method, LabelDpSweepSettings.Format(row.Epsilon), row.AccuracyPercent.ToString("0.00", CultureInfo.InvariantCulture));
        return table;
    }

    private static IEnumerable<(string Name, double Value)> Summary(IReadOnlyList<SweepCell> cells)
    {
        foreach (var c in cells)
        {
            var key = c.Method switch { SweepMethod.Lp1st => "lp1st", SweepMethod.Lp2st => "lp2st", _ => "non_private" };
            yield return (c.Method == SweepMethod.NonPrivate ? "non_private_accuracy" : $"{key}_accuracy_eps_{LabelDpSweepSettings.Format(c.Epsilon)}", c.MeanAccuracy);
        }
        foreach (var epsilon in cells.Where(c => double.IsFinite(c.Epsilon)).Select(c => c.Epsilon).Distinct())
        {
            var one = cells.FirstOrDefault(c => c.Epsilon.Equals(epsilon) && c.Method == SweepMethod.Lp1st);
            var two = cells.FirstOrDefault(c => c.Epsilon.Equals(epsilon) && c.Method == SweepMethod.Lp2st);
            if (one is not null && two is not null)
                yield return ($"lp2st_minus_lp1st_eps_{LabelDpSweepSettings.Format(epsilon)}", two.MeanAccuracy - one.MeanAccuracy);
        }
        var randomizedCells = cells.Where(c => c.Release.Randomized > 0).ToList();
        if (randomizedCells.Count > 0)
            yield return ("flip_rates_consistent_fraction", (double)randomizedCells.Count(c => c.FlipRateConsistent) / randomizedCells.Count);
    }

    private static string Notes(LabelDpSweepSettings settings, int trainImages, int testImages, string device) =>
        $"Ghazi et al. (2021) label-DP, two classes. Training set: {trainImages} images (train, then extras, at most {settings.ImagesPerClass} per class; " +
        $"chosen before any label is released); scored on all {testImages} test images, plain accuracy. Every run: {settings.Base.Architecture} " +
        $"(width {settings.Base.Width}), {settings.Base.Epochs} epochs per stage, SGD with cosine decay per stage, on {device}. " +
        "LP-1ST: one stage, randomized response (flip probability 1/(1+e^eps)). LP-2ST: the images split in two halves independently of the labels; " +
        "stage 2 uses stage 1's model as the prior (softmax of logits / t) with RR-with-prior, warm-starts from it and trains on both halves' released labels. " +
        "k* follows the paper's formula argmax_k e^eps/(e^eps+k-1) times the prior mass of the top k (with two classes: the prior decides alone when its top " +
        "class is above e^eps/(1+e^eps)). inf is the non-private baseline on true labels. Seeds: the request's seed and the next ones; LP-1ST and LP-2ST " +
        "with the same seed start from the same weights. 'consistent': the realised flips among randomized draws, pooled over seeds, lie in the central 99% " +
        "of Binomial(draws, theoretical rate). The paper's rows are CIFAR-10 and Fashion-MNIST, other datasets: compare trends, not levels.";

    private static ResultTable Table(string name, params string[] columns)
    {
        var table = new ResultTable { Name = name };
        table.Columns.AddRange(columns);
        return table;
    }

    private static void Row(ResultTable table, params string[] cells)
    {
        var row = new ResultTableRow();
        row.Cells.AddRange(cells);
        table.Rows.Add(row);
    }

    private static string Percent(double fraction) => (100 * fraction).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Points(double fraction, bool signed = false) =>
        (100 * fraction).ToString(signed ? "+0.0;-0.0;0.0" : "0.0", CultureInfo.InvariantCulture);

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
