namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>Where an index outside [0, size) reads from, for each <see cref="BorderMode"/>.</summary>
internal static class Borders
{
    /// <summary>The in-range index that <paramref name="index"/> reads, repeating the mirror as often as needed.</summary>
    public static int Index(int index, int size, BorderMode mode)
    {
        if (size == 1)
            return 0;
        switch (mode)
        {
            case BorderMode.Nearest:
                return Math.Clamp(index, 0, size - 1);
            case BorderMode.Reflect:
            {
                var period = 2 * size;
                var folded = ((index % period) + period) % period;
                return folded < size ? folded : period - 1 - folded;
            }
            default:
            {
                var period = 2 * size - 2;
                var folded = ((index % period) + period) % period;
                return folded < size ? folded : period - folded;
            }
        }
    }
}
