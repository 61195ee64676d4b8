using Contest.Contracts;
using ScottPlot;

namespace Contest.Evaluator.Analyses.LabelDp;

/// <summary>Test accuracy against epsilon (log scale) for LP-1ST and LP-2ST, mean and spread over seeds, with the non-private baseline as a line.</summary>
internal static class LabelDpSweepPlot
{
    public static void SavePng(string path, IReadOnlyList<SweepCell> cells, string title)
    {
        var plot = new Plot();
        var finite = cells.Where(c => double.IsFinite(c.Epsilon)).ToList();
        foreach (var method in new[] { SweepMethod.Lp1st, SweepMethod.Lp2st })
        {
            var series = finite.Where(c => c.Method == method).OrderBy(c => c.Epsilon).ToList();
            if (series.Count == 0)
                continue;
            var xs = series.Select(c => Math.Log2(c.Epsilon)).ToArray();
            var ys = series.Select(c => 100 * c.MeanAccuracy).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = LabelDpSweep.Words(method);
            line.LineWidth = 2;
            line.MarkerSize = 7;
            var bars = plot.Add.ErrorBar(xs, ys, series.Select(c => 100 * c.AccuracySpread).ToArray());
            bars.Color = line.Color;
        }
        if (cells.FirstOrDefault(c => c.Method == SweepMethod.NonPrivate) is { } baseline)
        {
            var level = plot.Add.HorizontalLine(100 * baseline.MeanAccuracy);
            level.LinePattern = LinePattern.Dashed;
            level.LegendText = "non-private";
        }
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var epsilon in finite.Select(c => c.Epsilon).Distinct())
            ticks.AddMajor(Math.Log2(epsilon), LabelDpSweepSettings.Format(epsilon));
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Title(title);
        plot.XLabel("label-privacy epsilon (log scale)");
        plot.YLabel("test accuracy, % (mean, bars: sd over seeds)");
        plot.ShowLegend(Alignment.LowerRight);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        plot.SavePng(path, 900, 560);
    }
}
