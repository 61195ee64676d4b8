using Contest.Contracts.V1;
using Contest.Evaluator.Data;

namespace Contest.Evaluator.Evaluation;

/// <summary>
/// The order images are evaluated in: the classes alternate (bicycle, bird, bicycle, ...), each in id
/// order, so any leading subset (--limit, the boundary attack's first 100) is balanced, and every
/// defense sees the same images in the same order.
/// </summary>
internal static class EvaluationOrder
{
    public static IReadOnlyList<LocalImage> Interleave(IReadOnlyList<LocalImage> images)
    {
        var bicycles = images.Where(i => i.Label == Label.Bicycle).OrderBy(i => i.Id, StringComparer.Ordinal).ToList();
        var birds = images.Where(i => i.Label == Label.Bird).OrderBy(i => i.Id, StringComparer.Ordinal).ToList();
        var ordered = new List<LocalImage>(images.Count);
        for (var i = 0; i < Math.Max(bicycles.Count, birds.Count); i++)
        {
            if (i < bicycles.Count)
                ordered.Add(bicycles[i]);
            if (i < birds.Count)
                ordered.Add(birds[i]);
        }
        return ordered;
    }
}
