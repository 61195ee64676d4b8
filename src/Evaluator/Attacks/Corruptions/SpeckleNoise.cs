using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary><c>speckle_noise</c>: x + x * N(0, 0.15^2) per value, clipped.</summary>
internal sealed class SpeckleNoise : ICorruption
{
    private const double Scale = 0.15;

    public string Name => "speckle_noise";

    public Tensor Apply(Tensor bytes, RandomSource random)
    {
        using var scope = NewDisposeScope();
        var x = bytes / 255.0;
        var noise = random.Normal(bytes.shape, ScalarType.Float64).mul_(Scale);
        return ByteImages.TruncateUnit(x + x * noise).MoveToOuterDisposeScope();
    }
}
