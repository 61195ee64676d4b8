using static TorchSharp.torch;

namespace Contest.Evaluator.Runtime;

/// <summary>
/// A loaded defense. Input: float32 images [N,3,224,224] in [0,1] on <see cref="Device"/>.
/// Output: float32 logits [N,2] (column 0 = bicycle, 1 = bird) on the same device.
/// Implementations: TorchScript (TorchSharp jit), ONNX (ONNX Runtime, forward only) and the
/// project's own TorchSharp modules.
/// </summary>
public interface IDefenseModel : IDisposable
{
    /// <summary>A name for messages and reports.</summary>
    string Name { get; }

    /// <summary>Where inputs must be and outputs are.</summary>
    Device Device { get; }

    /// <summary>Whether <see cref="ForwardWithGradients"/> works (white-box attacks need it).</summary>
    bool SupportsInputGradients { get; }

    /// <summary>Logits without autograd (inference). The caller disposes the result.</summary>
    Tensor Forward(Tensor images);

    /// <summary>
    /// Logits with autograd recording, so gradients flow back to <paramref name="images"/> when it
    /// requires grad. Throws <see cref="NotSupportedException"/> when <see cref="SupportsInputGradients"/> is false.
    /// </summary>
    Tensor ForwardWithGradients(Tensor images);
}
