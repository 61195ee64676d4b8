using Contest.Core.Training;
using static TorchSharp.torch;

namespace Contest.ReferenceModels.Training;

/// <summary>
/// The inner maximisations of adversarial training, run with the network in eval mode (batch-norm
/// statistics are neither used from nor written by the batch while it is attacked) and without
/// gradients reaching the weights.
/// </summary>
internal static class TrainingAttacks
{
    /// <summary>
    /// Madry et al.'s L-inf PGD on the cross-entropy: a uniform random start in the epsilon ball, then
    /// <paramref name="steps"/> signed-gradient ascent steps of <paramref name="stepSize"/>, each
    /// projected back into the ball and into [0,1].
    /// </summary>
    public static Tensor Pgd(Func<Tensor, Tensor> model, Tensor images, Tensor labels, double epsilon, int steps, double stepSize)
    {
        using var scope = NewDisposeScope();
        var delta = empty_like(images).uniform_(-epsilon, epsilon);
        var adversarial = (images + delta).clamp_(0, 1).detach();
        for (var step = 0; step < steps; step++)
        {
            using var stepScope = NewDisposeScope();
            adversarial.requires_grad_(true);
            using (enable_grad())
            {
                var loss = nn.functional.cross_entropy(model(adversarial), labels);
                var gradient = autograd.grad([loss], [adversarial])[0];
                var next = adversarial.detach() + stepSize * gradient.sign();
                next = minimum(maximum(next, images - epsilon), images + epsilon).clamp_(0, 1);
                adversarial = next.detach().MoveToOuterDisposeScope();
            }
        }
        return adversarial.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// TRADES' inner problem (Zhang et al. 2019): from a small Gaussian start, PGD steps that maximise
    /// KL(f(x) || f(x')) between the clean and the perturbed predictions, in the same ball.
    /// </summary>
    public static Tensor TradesKl(Func<Tensor, Tensor> model, Tensor images, double epsilon, int steps, double stepSize)
    {
        using var scope = NewDisposeScope();
        Tensor cleanProbabilities;
        using (no_grad())
            cleanProbabilities = nn.functional.softmax(model(images), 1).detach();
        var adversarial = (images + 0.001f * randn_like(images)).clamp_(0, 1).detach();
        for (var step = 0; step < steps; step++)
        {
            using var stepScope = NewDisposeScope();
            adversarial.requires_grad_(true);
            using (enable_grad())
            {
                var loss = Divergence(nn.functional.log_softmax(model(adversarial), 1), cleanProbabilities);
                var gradient = autograd.grad([loss], [adversarial])[0];
                var next = adversarial.detach() + stepSize * gradient.sign();
                next = minimum(maximum(next, images - epsilon), images + epsilon).clamp_(0, 1);
                adversarial = next.detach().MoveToOuterDisposeScope();
            }
        }
        return adversarial.MoveToOuterDisposeScope();
    }

    /// <summary>KL(p || q) summed over classes and averaged over the batch, from log q and p.</summary>
    public static Tensor Divergence(Tensor logQ, Tensor p) =>
        nn.functional.kl_div(logQ, p, reduction: nn.Reduction.Sum) / logQ.shape[0];
}
