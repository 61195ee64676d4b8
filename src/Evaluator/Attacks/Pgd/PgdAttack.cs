using Contest.Evaluator.Attacks.Internal;
using TorchSharp;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Pgd;

/// <summary>
/// <c>pgd_linf</c>, beyond the original suite: projected gradient ascent on the wrong-minus-correct
/// logit margin within an L-infinity ball, from several random starts, keeping for each image the most
/// damaging iterate the defense scored. Needs input gradients; otherwise reports itself skipped.
/// </summary>
internal sealed class PgdAttack(AttackProfile profile, PgdOptions options) : IAttack
{
    public string Name => "pgd_linf";

    public AttackProfile Profile => profile;

    public string Description =>
        $"White-box PGD within L-inf {options.Epsilon * 255:0.#}/255: {options.Steps} steps x {options.Restarts} random restarts on the logit margin.";

    public IReadOnlyList<AttackParameter> Parameters => options.Describe(profile);

    public int? ImageLimit => null;

    public AttackResult Run(AttackInput input, CancellationToken cancellationToken = default)
    {
        if (!input.Model.SupportsInputGradients)
            return AttackResult.Skipped($"{Name} needs input gradients and defense {input.Model.Name} has none (for example an ONNX model).");
        var session = new AttackSession(input, cancellationToken);
        var random = new AttackRandom(input.Seed, session.Device);
        using var starts = random.Stream($"{Name}/starts");
        var images = new List<Tensor>();
        var logits = new List<Tensor>();
        using var scope = NewDisposeScope();
        foreach (var (start, length) in ImageRanges.Of(session.ImagesTotal, session.ForwardBatchSize))
        {
            using var chunkScope = NewDisposeScope();
            var (adversarial, scored) = AttackChunk(session, input.Images.narrow(0, start, length), input.Labels.narrow(0, start, length), starts);
            images.Add(adversarial.MoveToOuterDisposeScope());
            logits.Add(scored.MoveToOuterDisposeScope());
            session.Completed(length);
        }
        return AttackResult.Completed(cat(images, 0).DetachFromDisposeScope(), cat(logits, 0).DetachFromDisposeScope(), session.ForwardImages);
    }

    private (Tensor Images, Tensor Logits) AttackChunk(AttackSession session, Tensor clean, Tensor labels, RandomSource random)
    {
        var best = clean.clone();
        var bestLogits = session.Logits(clean);
        var bestMargin = Margins.WrongMinusCorrect(bestLogits, labels);
        void Keep(Tensor candidate, Tensor candidateLogits)
        {
            using var scope = NewDisposeScope();
            var margin = Margins.WrongMinusCorrect(candidateLogits, labels);
            var better = margin.gt(bestMargin);
            best.copy_(where(better.reshape(-1, 1, 1, 1), candidate, best));
            bestLogits.copy_(where(better.unsqueeze(1), candidateLogits, bestLogits));
            bestMargin.copy_(where(better, margin, bestMargin));
        }

        for (var restart = 0; restart < options.Restarts; restart++)
        {
            var current = (clean + random.Uniform(clean.shape, -options.Epsilon, options.Epsilon)).clamp_(0, 1);
            for (var step = 0; step < options.Steps; step++)
            {
                using var stepScope = NewDisposeScope();
                var leaf = current.detach().requires_grad_(true);
                var stepLogits = session.LogitsWithGradients(leaf);
                var gradient = torch.autograd.grad([Margins.WrongMinusCorrect(stepLogits, labels).sum()], [leaf])[0];
                Keep(leaf.detach(), stepLogits.detach());
                var moved = leaf.detach() + gradient.sign() * options.StepSize;
                current.copy_(minimum(maximum(moved, clean - options.Epsilon), clean + options.Epsilon).clamp_(0, 1));
            }
            using var lastScope = NewDisposeScope();
            Keep(current, session.Logits(current));
        }
        return (best, bestLogits);
    }
}
