using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary><c>gaussian_blur</c>: skimage Gaussian blur, sigma 1, edges repeated.</summary>
internal sealed class GaussianBlur : ICorruption
{
    private const double Sigma = 1;

    public string Name => "gaussian_blur";

    public Tensor Apply(Tensor bytes, RandomSource random)
    {
        using var scope = NewDisposeScope();
        var blurred = ScipyGaussian.Blur(bytes / 255.0, Sigma, BorderMode.Nearest);
        return ByteImages.TruncateUnit(blurred).MoveToOuterDisposeScope();
    }
}
