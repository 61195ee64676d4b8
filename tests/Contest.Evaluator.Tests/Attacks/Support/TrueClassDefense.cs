using Contest.Evaluator.Runtime;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks.Support;

/// <summary>
/// A test double that answers one class, with logits -10 / +10, whatever it is shown. Given the true
/// class of a batch whose images all share it, it is an oracle no attack can fool: any "success"
/// an attack reported against it would be a scoring bug.
/// </summary>
internal sealed class TrueClassDefense(long label, bool gradients = true) : IDefenseModel
{
    public string Name => $"always-{(label == 0 ? "bicycle" : "bird")}";

    public Device Device => CPU;

    public bool SupportsInputGradients => gradients;

    public Tensor Forward(Tensor images)
    {
        using var noGrad = no_grad();
        return Answer(images);
    }

    public Tensor ForwardWithGradients(Tensor images)
    {
        if (!gradients)
            throw new NotSupportedException("no input gradients");
        using var enableGrad = enable_grad();
        return Answer(images);
    }

    public void Dispose()
    {
    }

    // Differentiable (with zero gradient), so white-box attacks run their normal path.
    private Tensor Answer(Tensor images)
    {
        using var scope = NewDisposeScope();
        var logits = tensor(label == 0 ? new[] { 10f, -10f } : [-10f, 10f]).reshape(1, 2);
        return (logits + images.sum([1, 2, 3]).unsqueeze(1) * 0).MoveToOuterDisposeScope();
    }
}
