using SkiaSharp;

namespace Contest.Core.Dataset.Synthetic;

/// <summary>
/// Where the main object goes: mirrored or not, slightly rotated and foreshortened, scaled so its
/// box covers a random 27-60% of the image, and kept whole inside the frame.
/// </summary>
internal static class Placement
{
    /// <summary>Pixels kept free between the object and the image border, so it is never truncated.</summary>
    public const float Margin = 6;

    private const float MinCoverage = 0.3f;
    private const float MaxCoverage = 0.62f;

    public static SKMatrix Choose(ObjectDrawing drawing, DeterministicRandom random, int size)
    {
        var mirror = random.Chance(0.5) ? -1f : 1f;
        var foreshorten = random.Chance(0.5) ? 1f : random.Range(0.72f, 1f);
        var baseMatrix = SKMatrix.CreateScale(mirror * foreshorten, 1).PostConcat(SKMatrix.CreateRotationDegrees(random.Range(-12, 12)));
        var local = drawing.Bounds(baseMatrix);
        var room = size - 2 * Margin;
        var coverage = random.Range(MinCoverage, MaxCoverage);
        var scale = MathF.Sqrt(coverage * size * size / (local.Width * local.Height));
        var largest = MathF.Min(room / local.Width, room / local.Height);
        // A long, thin object may not reach the coverage asked for; then it fills the frame's long side.
        scale = MathF.Min(scale, largest);
        if (scale * scale * local.Width * local.Height < MinCoverage * size * size)
            scale = largest;

        var scaled = baseMatrix.PostConcat(SKMatrix.CreateScale(scale, scale));
        var bounds = drawing.Bounds(scaled);
        var dx = random.Range(Margin - bounds.Left, MathF.Max(Margin - bounds.Left, size - Margin - bounds.Right));
        var dy = random.Range(Margin - bounds.Top, MathF.Max(Margin - bounds.Top, size - Margin - bounds.Bottom));
        return scaled.PostConcat(SKMatrix.CreateTranslation(dx, dy));
    }
}
