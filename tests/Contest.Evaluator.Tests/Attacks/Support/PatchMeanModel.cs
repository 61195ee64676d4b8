using TorchSharp;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks.Support;

/// <summary>
/// A simple differentiable classifier: bird when the mean of a small central patch is above 0.5,
/// with logits +-scale * (mean - 0.5). On <see cref="SyntheticImages"/> it is 100% accurate and
/// confident, and an L-infinity budget of 16/255 is enough to flip it, so it measures attack strength.
/// </summary>
internal sealed class PatchMeanModel(int patch = 4, double scale = 200) : nn.Module<Tensor, Tensor>(nameof(PatchMeanModel))
{
    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        var start = (images.shape[2] - patch) / 2;
        var mean = images.narrow(2, start, patch).narrow(3, start, patch).mean([1, 2, 3]);
        var bird = (mean - 0.5) * scale;
        return stack([-bird, bird], 1).MoveToOuterDisposeScope();
    }
}
