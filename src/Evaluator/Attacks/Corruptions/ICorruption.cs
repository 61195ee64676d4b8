using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>One ImageNet-C corruption at severity 1 (Hendrycks and Dietterich, 2019).</summary>
internal interface ICorruption
{
    /// <summary>The name the imagenet_c package uses.</summary>
    string Name { get; }

    /// <summary>
    /// Corrupts [B,3,224,224] images given as whole-number float64 values 0..255 (the uint8 arrays the
    /// package received) and returns them the same way (the package's final <c>np.uint8</c>).
    /// </summary>
    Tensor Apply(Tensor bytes, RandomSource random);
}
