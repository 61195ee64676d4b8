using System.Globalization;
using System.Text;
using Contest.ReferenceModels.Training;
using ScottPlot;

namespace Contest.Evaluator.Reports;

/// <summary>A training run's curve: loss and accuracy per epoch (PNG), and the same numbers as CSV.</summary>
internal static class TrainingCurvePlot
{
    public static void SavePng(string path, IReadOnlyList<EpochMetrics> curve, string title)
    {
        var plot = new Plot();
        var epochs = curve.Select(e => (double)e.Epoch).ToArray();
        var loss = plot.Add.Scatter(epochs, curve.Select(e => e.Loss).ToArray());
        loss.LegendText = "loss";
        loss.LineWidth = 2;
        var accuracy = plot.Add.Scatter(epochs, curve.Select(e => e.Accuracy).ToArray());
        accuracy.LegendText = "training accuracy";
        accuracy.LineWidth = 2;
        if (curve.Any(e => e.Epsilon > 0))
        {
            var epsilon = plot.Add.Scatter(epochs, curve.Select(e => e.Epsilon * 255 / 16).ToArray());
            epsilon.LegendText = "attack radius / (16/255)";
            epsilon.LinePattern = LinePattern.Dashed;
        }
        plot.Title(title);
        plot.XLabel("epoch");
        plot.Axes.SetLimits(0.5, Math.Max(1.5, epochs.DefaultIfEmpty(1).Max() + 0.5), 0, Math.Max(1.05, curve.Select(e => e.Loss).DefaultIfEmpty(0).Max() * 1.1));
        plot.ShowLegend(Alignment.UpperRight);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        plot.SavePng(path, 900, 560);
    }

    public static void SaveCsv(string path, IReadOnlyList<EpochMetrics> curve)
    {
        var text = new StringBuilder("epoch,loss,accuracy,epsilon,learning_rate,images_per_second,seconds\n");
        foreach (var e in curve)
            text.AppendLine(string.Join(',', new object[] { e.Epoch, e.Loss, e.Accuracy, e.Epsilon, e.LearningRate, e.ImagesPerSecond, e.Seconds }
                .Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ToString());
    }
}
