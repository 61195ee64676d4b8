namespace Contest.Evaluator.Attacks.Internal;

/// <summary>Splits a run into consecutive chunks of images.</summary>
internal static class ImageRanges
{
    /// <summary>(start, length) of each chunk of at most <paramref name="size"/> images out of <paramref name="total"/>.</summary>
    public static IEnumerable<(int Start, int Length)> Of(int total, int size)
    {
        var step = Math.Max(1, size);
        for (var start = 0; start < total; start += step)
            yield return (start, Math.Min(step, total - start));
    }
}
