using Contest.Evaluator.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks.Benchmark;

/// <summary>
/// Deterministic image-like inputs for the benchmark (a random colour plus smooth random texture),
/// labelled with the defense's own clean predictions, so that every attack starts from correctly
/// classified images and does its full work.
/// </summary>
internal static class BenchmarkImages
{
    public static (Tensor Images, Tensor Labels) Make(IDefenseModel model, int count, int batchSize)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(2018, CPU);
        var colours = rand([count, 3, 1, 1], generator: generator);
        var texture = nn.functional.interpolate(rand([count, 3, 14, 14], generator: generator), [224, 224], mode: InterpolationMode.Bilinear, align_corners: false);
        var images = (colours * 0.7 + texture * 0.3).clamp_(0, 1).to(model.Device);
        var logits = cat([.. Enumerable.Range(0, (count + batchSize - 1) / batchSize)
            .Select(b => model.Forward(images.narrow(0, b * batchSize, Math.Min(batchSize, count - b * batchSize))))], 0);
        var labels = logits[.., 0].lt(logits[.., 1]).to(ScalarType.Int64);
        return (images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }
}
