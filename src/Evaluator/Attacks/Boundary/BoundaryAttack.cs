using Contest.Evaluator.Attacks.Internal;
using Contest.Evaluator.Attacks.Spatial;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Boundary;

/// <summary>
/// <c>boundary_with_random_spatial</c>: one random rotation and translation, then the decision-based
/// Boundary Attack (foolbox 1.x) started from a random image of the other class. It stops once the
/// L2 distance is at most 10; a farther result is projected onto that ball; an image whose starting
/// point the defense does not misclassify is returned unattacked. Meant for the first 100 images.
/// </summary>
internal sealed class BoundaryAttack(AttackProfile profile, BoundaryOptions options) : IAttack
{
    private const double ProjectionMargin = 1e-6;

    public string Name => options.Spatial is null ? "boundary" : "boundary_with_random_spatial";

    public AttackProfile Profile => profile;

    public string Description =>
        $"Decision-based Boundary Attack for up to {options.Iterations} steps from an image of the other class, bounded to L2 {options.MaxL2:0.#}"
        + (options.Spatial is null ? "." : ", after one random rotation and translation.");

    public IReadOnlyList<AttackParameter> Parameters => options.Describe(profile);

    public int? ImageLimit => options.ImageLimit;

    public AttackResult Run(AttackInput input, CancellationToken cancellationToken = default)
    {
        var session = new AttackSession(input, cancellationToken);
        var random = new AttackRandom(input.Seed, session.Device);
        using var spatialRandom = random.Stream($"{Name}/spatial");
        using var startRandom = random.Stream($"{Name}/start");
        using var searchRandom = random.Stream($"{Name}/search");
        using var scope = NewDisposeScope();
        var originals = options.Spatial is null
            ? input.Images
            : cat([.. ImageRanges.Of(session.ImagesTotal, session.ForwardBatchSize)
                .Select(r => RandomSpatialTransform.Apply(input.Images.narrow(0, r.Start, r.Length), options.Spatial, spatialRandom))], 0);
        var pool = input.StartingPool ?? new LabelledImages(input.Images, input.Labels);
        var choices = StartingPoints.Choose(input.Labels, pool, startRandom);

        var results = originals.clone();
        var perChunk = Math.Max(1, session.ForwardBatchSize / options.CandidateBatch);
        foreach (var (start, length) in ImageRanges.Of(session.ImagesTotal, perChunk))
        {
            using var chunkScope = NewDisposeScope();
            var found = AttackChunk(session, originals.narrow(0, start, length), input.Labels.narrow(0, start, length), pool, choices[start..(start + length)], searchRandom);
            results.narrow(0, start, length).copy_(found);
            session.Completed(length);
        }
        var projected = ProjectOntoBall(results, originals, options.MaxL2);
        var logits = session.Logits(projected);
        return AttackResult.Completed(projected.DetachFromDisposeScope(), logits.DetachFromDisposeScope(), session.ForwardImages);
    }

    // The best adversarial of each image whose starting point is adversarial; the others unchanged.
    private Tensor AttackChunk(AttackSession session, Tensor originals, Tensor labels, LabelledImages pool, long[] choices, RandomSource random)
    {
        var output = originals.clone();
        var withPool = Enumerable.Range(0, choices.Length).Where(i => choices[i] >= 0).ToArray();
        if (withPool.Length == 0)
            return output;
        var rows = tensor(withPool.Select(i => (long)i).ToArray(), device: session.Device);
        var starts = pool.Images.index_select(0, tensor(withPool.Select(i => choices[i]).ToArray(), device: session.Device));
        var subsetLabels = labels.index_select(0, rows);
        var valid = Margins.Fooled(session.Logits(starts), subsetLabels);
        var validRows = rows.masked_select(valid);
        if (validRows.shape[0] == 0)
            return output;
        var validIndex = valid.nonzero().squeeze(1);
        using var chunk = new BoundaryChunk(originals.index_select(0, validRows), starts.index_select(0, validIndex), subsetLabels.index_select(0, validIndex));
        BoundarySearch.Run(session, chunk, options, random);
        output.index_copy_(0, validRows, chunk.Best.reshape([-1, .. chunk.Shape]));
        return output;
    }

    /// <summary>
    /// Pulls every image farther than <paramref name="radius"/> (L2) from its original back onto that
    /// sphere, aiming a hair inside it so float32 rounding cannot leave it outside.
    /// </summary>
    internal static Tensor ProjectOntoBall(Tensor images, Tensor originals, double radius)
    {
        using var scope = NewDisposeScope();
        var difference = (images - originals).to(ScalarType.Float64);
        var distance = difference.flatten(1).norm(1, keepdim: true).reshape(-1, 1, 1, 1);
        var target = radius * (1 - ProjectionMargin);
        var scale = where(distance.gt(target), target / distance, ones_like(distance));
        var projected = originals.to(ScalarType.Float64) + difference * scale;
        return projected.clamp_(0, 1).to(ScalarType.Float32).MoveToOuterDisposeScope();
    }
}
