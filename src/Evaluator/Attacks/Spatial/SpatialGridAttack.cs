using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Spatial;

/// <summary>
/// <c>spatial_grid</c> (Engstrom et al., "A Rotation and a Translation Suffice"): every image gets a
/// black border and every rotation/translation of the grid; the transform with the largest
/// wrong-minus-correct logit is kept. Transforms are sampled exactly as PIL does and scored in
/// large batches on the defense's device.
/// </summary>
internal sealed class SpatialGridAttack(AttackProfile profile, SpatialGridOptions options) : IAttack
{
    private const int ImagesPerChunk = 16;

    public string Name => "spatial_grid";

    public AttackProfile Profile => profile;

    public string Description =>
        $"Tries {options.Grid().Count} rotations and translations of each image (black border, PIL bilinear) and keeps the most damaging.";

    public IReadOnlyList<AttackParameter> Parameters => options.Describe(profile);

    public int? ImageLimit => null;

    public AttackResult Run(AttackInput input, CancellationToken cancellationToken = default)
    {
        var session = new AttackSession(input, cancellationToken);
        var grid = options.Grid();
        var images = new List<Tensor>();
        var logits = new List<Tensor>();
        using var runScope = NewDisposeScope();
        foreach (var (start, length) in ImageRanges.Of(session.ImagesTotal, ImagesPerChunk))
        {
            using var chunkScope = NewDisposeScope();
            var clean = input.Images.narrow(0, start, length);
            var labels = input.Labels.narrow(0, start, length);
            var (adversarial, scored) = AttackChunk(session, grid, clean, labels);
            images.Add(adversarial.MoveToOuterDisposeScope());
            logits.Add(scored.MoveToOuterDisposeScope());
            session.Completed(length);
        }
        return AttackResult.Completed(cat(images, 0).DetachFromDisposeScope(), cat(logits, 0).DetachFromDisposeScope(), session.ForwardImages);
    }

    private (Tensor Images, Tensor Logits) AttackChunk(AttackSession session, IReadOnlyList<SpatialTransform> grid, Tensor clean, Tensor labels)
    {
        var count = clean.shape[0];
        var bordered = BlackBorder.Apply(clean, options.BorderFraction);
        var best = new BestCandidates(count, session.Device);
        var perBatch = Math.Max(1, session.ForwardBatchSize / (int)count);
        for (var first = 0; first < grid.Count; first += perBatch)
        {
            using var scope = NewDisposeScope();
            var transforms = grid.Skip(first).Take(perBatch).ToList();
            var candidates = ByteImages.ToUnit(PilAffine.Apply(bordered, transforms)).reshape(-1, 3, clean.shape[2], clean.shape[3]);
            var scored = session.Logits(candidates).reshape(count, transforms.Count, 2);
            var margin = Margins.WrongMinusCorrect(scored.reshape(-1, 2), labels.repeat_interleave(transforms.Count)).reshape(count, -1);
            best.Offer(margin, scored, first);
        }
        return Select(session, best, bordered, grid, clean);
    }

    // The kept transform of each image, re-rendered; an image whose scores were all NaN stays clean, as in the original.
    private static (Tensor Images, Tensor Logits) Select(
        AttackSession session, BestCandidates best, Tensor bordered, IReadOnlyList<SpatialTransform> grid, Tensor clean)
    {
        var indices = best.Indices.cpu().data<long>().ToArray();
        var chosen = indices.Select(i => grid[(int)Math.Max(0, i)]).ToList();
        var images = ByteImages.ToUnit(PilAffine.ApplyEach(bordered, chosen));
        var logits = best.Logits;
        var found = best.Indices.ge(0);
        if (indices.Any(i => i < 0))
        {
            images = where(found.reshape(-1, 1, 1, 1), images, clean);
            logits = where(found.unsqueeze(1), logits, session.Logits(clean));
        }
        return (images, logits);
    }
}
