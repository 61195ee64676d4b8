using ScottPlot;

namespace Contest.Evaluator.Reports;

/// <summary>The risk-coverage curve (risk |errors(c)| / (c N) against coverage c), as the original kit plotted it.</summary>
internal static class RiskCoveragePlot
{
    public static void Save(string path, IReadOnlyList<(string Name, IReadOnlyList<double> Risk)> curves, string title)
    {
        var plot = new Plot();
        var coverage = Enumerable.Range(1, 100).Select(i => i / 100.0).ToArray();
        foreach (var (name, risk) in curves)
        {
            var line = plot.Add.Scatter(coverage, risk.ToArray());
            line.LegendText = name;
            line.MarkerSize = 0;
            line.LineWidth = 2;
        }
        plot.Add.VerticalLine(0.8, 1, Colors.Gray, LinePattern.Dashed);
        plot.Title(title);
        plot.XLabel("coverage");
        plot.YLabel("risk = confident errors / (c N)");
        plot.Axes.SetLimits(0, 1, 0, Math.Max(0.05, curves.SelectMany(c => c.Risk).DefaultIfEmpty(0).Max() * 1.1));
        plot.ShowLegend(Alignment.UpperLeft);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        plot.SavePng(path, 900, 560);
    }
}
