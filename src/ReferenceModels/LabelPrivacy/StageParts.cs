namespace Contest.ReferenceModels.LabelPrivacy;

/// <summary>
/// LP-MST's split of the training images into one part per stage: a seeded shuffle of the image
/// positions, cut by size alone. Nothing here looks at a label, which the privacy argument requires.
/// </summary>
public static class StageParts
{
    /// <summary>
    /// The parts, each a list of image positions. <paramref name="firstFraction"/> in (0,1) sizes the
    /// first part, the others share the rest equally; 0 makes all parts equal.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer images than stages, or a part would be empty.</exception>
    public static int[][] Split(int images, int stages, double firstFraction, long seed)
    {
        if (stages < 1)
            throw new ArgumentOutOfRangeException(nameof(stages), "at least one stage.");
        if (images < stages)
            throw new ArgumentException($"{images} training images cannot fill {stages} stages.");
        var sizes = Sizes(images, stages, firstFraction);
        var order = Enumerable.Range(0, images).ToArray();
        new Random(unchecked((int)Training.Trainer.StepSeed(seed, long.MinValue / 2))).Shuffle(order);
        var parts = new int[stages][];
        var start = 0;
        for (var s = 0; s < stages; s++)
        {
            parts[s] = order[start..(start + sizes[s])];
            start += sizes[s];
        }
        return parts;
    }

    private static int[] Sizes(int images, int stages, double firstFraction)
    {
        var sizes = new int[stages];
        var first = firstFraction > 0 && stages > 1 ? (int)Math.Round(images * firstFraction) : images / stages + (images % stages > 0 ? 1 : 0);
        if (stages == 1)
            first = images;
        sizes[0] = first;
        var rest = images - first;
        for (var s = 1; s < stages; s++)
            sizes[s] = rest / (stages - 1) + (s - 1 < rest % (stages - 1) ? 1 : 0);
        if (sizes.Any(n => n < 1))
            throw new ArgumentException($"{images} images split {string.Join(" / ", sizes)} over {stages} stages leaves a stage with none; change the first part's fraction.");
        return sizes;
    }
}
