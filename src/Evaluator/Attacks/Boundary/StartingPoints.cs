using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Boundary;

/// <summary>
/// The boundary attack's starting images: for each image, a uniformly random pool image whose true
/// label is the other class (the original's <c>random.choice(label_to_examples[other])</c>).
/// </summary>
internal static class StartingPoints
{
    /// <summary>[N] pool rows, or -1 where the pool holds no image of the other class.</summary>
    public static long[] Choose(Tensor labels, LabelledImages pool, RandomSource random)
    {
        var wanted = labels.cpu().data<long>().ToArray().Select(l => 1 - l).ToArray();
        var poolLabels = pool.Labels.cpu().data<long>().ToArray();
        var byClass = new[] { 0L, 1L }.Select(c => Enumerable.Range(0, poolLabels.Length).Where(i => poolLabels[i] == c).ToArray()).ToArray();
        using var draws = random.Uniform([wanted.Length], ScalarType.Float64);
        var uniforms = draws.cpu().data<double>().ToArray();
        return [.. wanted.Select((c, i) =>
        {
            var candidates = byClass[c];
            return candidates.Length == 0 ? -1L : candidates[Math.Min(candidates.Length - 1, (int)(uniforms[i] * candidates.Length))];
        })];
    }
}
