using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary><c>gaussian_noise</c>: x + N(0, 0.08^2) per value, clipped.</summary>
internal sealed class GaussianNoise : ICorruption
{
    private const double Scale = 0.08;

    public string Name => "gaussian_noise";

    public Tensor Apply(Tensor bytes, RandomSource random)
    {
        using var scope = NewDisposeScope();
        var noise = random.Normal(bytes.shape, ScalarType.Float64).mul_(Scale);
        return ByteImages.TruncateUnit(bytes / 255.0 + noise).MoveToOuterDisposeScope();
    }
}
