using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>
/// <c>impulse_noise</c>: skimage's salt-and-pepper with amount 0.03. Each value independently (per
/// colour channel) is replaced with probability 0.03, half of those by 1 (salt), half by 0 (pepper).
/// </summary>
internal sealed class ImpulseNoise : ICorruption
{
    private const double Amount = 0.03;
    private const double SaltShare = 0.5;

    public string Name => "impulse_noise";

    public Tensor Apply(Tensor bytes, RandomSource random)
    {
        using var scope = NewDisposeScope();
        var x = bytes / 255.0;
        var flipped = random.Uniform(bytes.shape, ScalarType.Float64).lt(Amount);
        var salted = random.Uniform(bytes.shape, ScalarType.Float64).lt(SaltShare);
        x = where(flipped.logical_and(salted), ones_like(x), x);
        x = where(flipped.logical_and(salted.logical_not()), zeros_like(x), x);
        return ByteImages.TruncateUnit(x).MoveToOuterDisposeScope();
    }
}
