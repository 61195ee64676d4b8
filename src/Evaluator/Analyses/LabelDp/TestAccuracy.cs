using Contest.ReferenceModels.Training;
using static TorchSharp.torch;

namespace Contest.Evaluator.Analyses.LabelDp;

/// <summary>Plain accuracy (argmax of the logits) of a trained network on labelled images.</summary>
internal static class TestAccuracy
{
    private const int BatchSize = 64;

    public static double Of(nn.Module<Tensor, Tensor> model, TrainingSet test, Device device)
    {
        model.eval();
        using var noGrad = no_grad();
        var positions = Enumerable.Range(0, test.Count).ToArray();
        long correct = 0;
        for (var start = 0; start < test.Count; start += BatchSize)
        {
            using var scope = NewDisposeScope();
            var (images, labels) = test.Batch(positions.AsSpan(start, Math.Min(BatchSize, test.Count - start)), device);
            correct += model.forward(images).argmax(1).eq(labels).sum().item<long>();
        }
        return (double)correct / Math.Max(1, test.Count);
    }
}
