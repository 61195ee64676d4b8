using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Spsa;

/// <summary>
/// cleverhans' SPSA gradient estimate of the margin loss (correct - wrong logit), for many images at
/// once: each image gets samples/2 random sign vectors v and their mirrors, all scored in one batch;
/// the estimate is mean(loss(x + delta v) * v). Probes are clipped to [0,1].
/// </summary>
internal static class SpsaGradient
{
    /// <summary>[K,C,H,W] points and [K] labels to [K,C,H,W] gradient estimates.</summary>
    public static Tensor Estimate(AttackSession session, Tensor points, Tensor labels, int samples, double delta, RandomSource random)
    {
        using var scope = NewDisposeScope();
        var count = points.shape[0];
        var shape = points.shape[1..];
        long[] halfShape = [count, samples / 2, .. shape];
        var signs = random.Uniform(halfShape).lt(0.5).to(ScalarType.Float32).mul_(2).sub_(1);
        signs = cat([signs, -signs], 1);
        var probes = (points.unsqueeze(1) + signs * delta).clamp_(0, 1);
        var logits = session.Logits(probes.reshape([-1, .. shape]));
        var loss = -Margins.WrongMinusCorrect(logits, labels.repeat_interleave(samples)).reshape(count, samples);
        var expanded = loss.reshape([count, samples, .. Enumerable.Repeat(1L, shape.Length)]);
        return (expanded * signs).mean([1]).MoveToOuterDisposeScope();
    }
}
