using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary><c>contrast</c>: every channel pulled towards its own mean, (x - mean) * 0.4 + mean.</summary>
internal sealed class Contrast : ICorruption
{
    private const double Factor = 0.4;

    public string Name => "contrast";

    public Tensor Apply(Tensor bytes, RandomSource random)
    {
        using var scope = NewDisposeScope();
        var x = bytes / 255.0;
        var means = x.mean([2, 3], keepdim: true);
        return ByteImages.TruncateUnit((x - means) * Factor + means).MoveToOuterDisposeScope();
    }
}
