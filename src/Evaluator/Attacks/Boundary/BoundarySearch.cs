using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Boundary;

/// <summary>
/// foolbox 1.x's BoundaryAttack main loop for a chunk of images at once: every step, each image
/// draws candidates in batches until one is adversarial (on every 10th step, and after a
/// convergence reset, spherical candidates are checked first and only their adversarial ones
/// followed up); the walk moves to that candidate if it is closer; step sizes adapt from the recent
/// success rates. An image stops when its best adversarial is within the L2 bound, when it has
/// converged, or after the last step. Heavy arithmetic and scoring run on the device; the small
/// per-image bookkeeping runs on the host.
/// </summary>
internal static class BoundarySearch
{
    /// <summary>Walks every image of <paramref name="chunk"/>; its <see cref="BoundaryChunk.Best"/> holds the results.</summary>
    public static void Run(AttackSession session, BoundaryChunk chunk, BoundaryOptions options, RandomSource random)
    {
        var count = (int)chunk.Originals.shape[0];
        var threshold = options.MseThreshold(chunk.Originals.shape[1]);
        var states = Enumerable.Range(0, count).Select(_ => new BoundaryImageState(options)).ToArray();
        var reached = Reached(chunk, threshold);
        for (var step = 1; step <= options.Iterations; step++)
        {
            session.CancellationToken.ThrowIfCancellationRequested();
            var active = new List<int>();
            for (var i = 0; i < count; i++)
            {
                if (reached[i] || states[i].Finished)
                    continue;
                states[i].BeginStep();
                if (!states[i].Finished)
                    active.Add(i);
            }
            if (active.Count == 0)
                break;
            Step(session, chunk, states, active, step, options, random, threshold);
            reached = Reached(chunk, threshold);
        }
    }

    private static void Step(
        AttackSession session, BoundaryChunk chunk, BoundaryImageState[] states, List<int> active, int step,
        BoundaryOptions options, RandomSource random, double threshold)
    {
        using var scope = NewDisposeScope();
        var searching = new List<int>(active);
        var foundRows = new List<long>();
        var foundPoints = new List<Tensor>();
        var batches = (options.MaxDirections - 1) / options.CandidateBatch + 1;
        for (var batch = 0; batch < batches && searching.Count > 0; batch++)
        {
            var size = batch == batches - 1 ? options.MaxDirections - batch * options.CandidateBatch : options.CandidateBatch;
            var rows = tensor(searching.Select(i => (long)i).ToArray(), device: chunk.Originals.device);
            var normals = random.Normal([searching.Count, size, chunk.Originals.shape[1]], ScalarType.Float64);
            var (candidates, onSphere) = BoundaryCandidates.Generate(
                chunk.Originals.index_select(0, rows), chunk.Perturbed.index_select(0, rows),
                Steps(searching, states, s => s.SphericalStep, rows.device), Steps(searching, states, s => s.SourceStep, rows.device), normals);

            var checks = searching.Select(i => states[i].ChecksSpherical(step)).ToArray();
            var follow = new bool[searching.Count, size];
            if (checks.Any(c => c))
            {
                var spherical = chunk.Score(session, rows, onSphere, Mask(checks, size, (r, _) => checks[r], rows.device));
                for (var r = 0; r < searching.Count; r++)
                for (var j = 0; j < size && checks[r]; j++)
                {
                    states[searching[r]].RecordSpherical(spherical[r, j]);
                    follow[r, j] = spherical[r, j];
                }
            }
            var evaluate = Mask(checks, size, (r, j) => !checks[r] || follow[r, j], rows.device);
            var adversarial = chunk.Score(session, rows, candidates, evaluate);

            var stillSearching = new List<int>();
            for (var r = 0; r < searching.Count; r++)
            {
                var first = -1;
                for (var j = 0; j < size; j++)
                {
                    if (checks[r] && follow[r, j])
                        states[searching[r]].RecordStep(adversarial[r, j]);
                    if (first < 0 && (!checks[r] || follow[r, j]) && adversarial[r, j])
                        first = j;
                }
                if (first < 0)
                {
                    stillSearching.Add(searching[r]);
                    continue;
                }
                foundRows.Add(searching[r]);
                foundPoints.Add(candidates[r, first]);
            }
            var reached = Reached(chunk, threshold);
            searching = [.. stillSearching.Where(i => !reached[i])];
        }

        if (foundRows.Count > 0)
        {
            var rows = tensor(foundRows.ToArray(), device: chunk.Originals.device);
            var problems = chunk.Accept(rows, stack(foundPoints, 0));
            for (var k = 0; k < foundRows.Count; k++)
            {
                if (problems[k])
                    states[foundRows[k]].RecordNumericalProblem();
            }
        }
        foreach (var i in active)
            states[i].AdaptSteps();
    }

    private static Tensor Steps(List<int> rows, BoundaryImageState[] states, Func<BoundaryImageState, double> size, Device device) =>
        tensor(rows.Select(i => size(states[i])).ToArray(), ScalarType.Float64, device);

    private static Tensor Mask(bool[] rows, int size, Func<int, int, bool> include, Device device)
    {
        var values = new bool[rows.Length * size];
        for (var r = 0; r < rows.Length; r++)
        for (var j = 0; j < size; j++)
            values[r * size + j] = include(r, j);
        return tensor(values, device: device).reshape(rows.Length, size);
    }

    private static bool[] Reached(BoundaryChunk chunk, double threshold) => chunk.BestDistances.le(threshold).cpu().data<bool>().ToArray();
}
