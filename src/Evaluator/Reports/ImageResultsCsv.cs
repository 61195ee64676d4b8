using System.Globalization;
using System.Text;
using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Core;
using Contest.Core.Metrics;

namespace Contest.Evaluator.Reports;

/// <summary>Per-image results of one attack as CSV: logits, prediction, confidence, and the error flags.</summary>
internal static class ImageResultsCsv
{
    public static void Save(string path, IReadOnlyList<ImageResult> images, AttackMetrics metrics, float threshold)
    {
        var errors80 = metrics.At80.ConfidentErrorIndices.ToHashSet();
        var csv = new StringBuilder("index,id,label,logit_bicycle,logit_bird,prediction,confidence,confident_error_at_80,wrong,abstained_at_threshold\n");
        foreach (var image in images)
        {
            var logits = Logits.From(image.Logits);
            var label = image.Label.ToClassLabel();
            csv.Append(CultureInfo.InvariantCulture,
                $"{image.Index},{image.Id},{label.Name()},{logits.Bicycle:R},{logits.Bird:R},{logits.Prediction.Name()}," +
                $"{logits.Confidence:R},{(errors80.Contains(image.Index) ? 1 : 0)},{(logits.Prediction != label ? 1 : 0)}," +
                $"{(threshold > 0 && ThresholdView.IsAbstention(logits, threshold) ? 1 : 0)}\n");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, csv.ToString());
    }
}
