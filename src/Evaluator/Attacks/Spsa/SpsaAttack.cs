using Contest.Evaluator.Attacks.Internal;
using Contest.Evaluator.Attacks.Spatial;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Spsa;

/// <summary>
/// <c>spsa_with_random_spatial</c>: one random rotation and translation, then cleverhans' SPSA
/// (gradient-free: Adam on SPSA estimates of the margin loss within an L-infinity ball), stopping an
/// image early once the wrong logit leads by more than 1. The original ran one image at a time;
/// here images x samples share each forward batch, and finished images make room for new ones.
/// </summary>
internal sealed class SpsaAttack(AttackProfile profile, SpsaOptions options) : IAttack
{
    public string Name => options.Spatial is null ? "spsa" : "spsa_with_random_spatial";

    public AttackProfile Profile => profile;

    public string Description =>
        $"SPSA (gradient-free Adam within L-inf {options.Epsilon * 255:0.#}/255) for up to {options.Steps} steps of {options.Samples} samples"
        + (options.Spatial is null ? "." : ", after one random rotation and translation.");

    public IReadOnlyList<AttackParameter> Parameters => options.Describe(profile);

    public int? ImageLimit => options.ImageLimit;

    public AttackResult Run(AttackInput input, CancellationToken cancellationToken = default)
    {
        var session = new AttackSession(input, cancellationToken);
        var random = new AttackRandom(input.Seed, session.Device);
        using var spatialRandom = random.Stream($"{Name}/spatial");
        using var spsaRandom = random.Stream($"{Name}/spsa");
        using var scope = NewDisposeScope();
        var starts = options.Spatial is null ? input.Images : TransformInChunks(input.Images, session, spatialRandom);
        var images = starts.clone();
        var logits = zeros(session.ImagesTotal, 2, device: session.Device);
        Optimise(session, starts, input.Labels, images, logits, spsaRandom);
        return AttackResult.Completed(images.DetachFromDisposeScope(), logits.DetachFromDisposeScope(), session.ForwardImages);
    }

    private Tensor TransformInChunks(Tensor images, AttackSession session, RandomSource random) =>
        cat([.. ImageRanges.Of(session.ImagesTotal, session.ForwardBatchSize)
            .Select(r => RandomSpatialTransform.Apply(images.narrow(0, r.Start, r.Length), options.Spatial!, random))], 0);

    // Runs every image through SPSA, writing each final image and its logits into the outputs as it finishes.
    private void Optimise(AttackSession session, Tensor starts, Tensor labels, Tensor images, Tensor logits, RandomSource random)
    {
        var slots = Math.Max(1, session.ForwardBatchSize / options.Samples);
        using var batch = new SpsaBatch();
        var next = 0;
        while (next < session.ImagesTotal || batch.Count > 0)
        {
            using var scope = NewDisposeScope();
            var admitted = Enumerable.Range(next, Math.Min(slots - batch.Count, session.ImagesTotal - next)).ToList();
            if (admitted.Count > 0)
            {
                var origins = starts.narrow(0, next, admitted.Count);
                var start = random.Uniform(origins.shape, -options.Epsilon, options.Epsilon);
                SpsaBatch.Project(start, origins, options.Epsilon);
                batch.Admit(admitted, origins, labels.narrow(0, next, admitted.Count), start);
                next += admitted.Count;
            }
            var gradient = SpsaGradient.Estimate(session, batch.Origins + batch.Perturbations, batch.Labels, options.Samples, options.Delta, random);
            batch.Update(gradient, options);
            var current = batch.Origins + batch.Perturbations;
            var scored = session.Logits(current);
            var loss = -Margins.WrongMinusCorrect(scored, batch.Labels);
            var stopped = loss.lt(options.EarlyStopLoss).cpu().data<bool>().ToArray();
            var finished = Enumerable.Range(0, batch.Count).Select(i => stopped[i] || batch.Steps[i] >= options.Steps).ToArray();
            if (!finished.Any(f => f))
                continue;
            var rows = Enumerable.Range(0, batch.Count).Where(i => finished[i]).ToArray();
            var rowIndex = tensor(rows.Select(i => (long)i).ToArray(), device: session.Device);
            var imageIndex = tensor(rows.Select(i => (long)batch.Indices[i]).ToArray(), device: session.Device);
            images.index_copy_(0, imageIndex, current.index_select(0, rowIndex));
            logits.index_copy_(0, imageIndex, scored.index_select(0, rowIndex));
            batch.Retain([.. finished.Select(f => !f)]);
            session.Completed(rows.Length);
        }
    }
}
