namespace Contest.Evaluator.Attacks.Spatial;

/// <summary>The grid of rotations and translations the spatial grid attack tries on every image.</summary>
/// <param name="Translations">Pixel offsets tried for dx and for dy.</param>
/// <param name="Angles">Rotation angles in degrees (positive = clockwise on screen).</param>
/// <param name="BorderFraction">Black border added before transforming, as a fraction of the side.</param>
internal sealed record SpatialGridOptions(double[] Translations, double[] Angles, double BorderFraction)
{
    /// <summary>The original: dx, dy in {-18,-9,0,9,18}, 31 angles from -30 to 30 (775 transforms), border 0.15.</summary>
    public static readonly SpatialGridOptions Standard = new(Steps(-18, 18, 5), Steps(-30, 30, 31), 0.15);

    /// <summary>dx, dy in {-18,0,18} and angles {-30,0,30}: 27 transforms.</summary>
    public static readonly SpatialGridOptions Quick = new(Steps(-18, 18, 3), Steps(-30, 30, 3), 0.15);

    /// <summary>Every (dx, dy, angle) in the original's order: dx slowest, angle fastest.</summary>
    public IReadOnlyList<SpatialTransform> Grid() =>
        [.. from dx in Translations from dy in Translations from angle in Angles select new SpatialTransform(angle, dx, dy)];

    /// <summary>The settings as reports show them.</summary>
    public IReadOnlyList<AttackParameter> Describe(AttackProfile profile)
    {
        var reduced = profile == AttackProfile.Quick ? " (quick: reduced from the original's" : null;
        return
        [
            new("translations_px", List(Translations),
                "dx and dy each take every value (pixels; +dx right, +dy down)" + (reduced is null ? "" : reduced + " 5 values -18..18)")),
            new("angles_deg", $"{Angles.Length} values {Angles[0]:0.##}..{Angles[^1]:0.##}",
                "rotation about the centre, degrees, clockwise on screen" + (reduced is null ? "" : reduced + " 31 values -30..30 in steps of 2)")),
            new("transforms_per_image", (Translations.Length * Translations.Length * Angles.Length).ToString(),
                "every combination is scored; the one with the largest wrong-minus-correct logit is kept"),
            new("black_border_fraction", BorderFraction.ToString("0.##"),
                "the image is cut to uint8, shrunk with PIL bilinear and padded with this much black per side (33 px) first"),
            new("interpolation", "bilinear", "PIL affine transform with bilinear sampling, black outside, as torchvision on a PIL image"),
        ];
    }

    private static double[] Steps(double from, double to, int count) =>
        [.. Enumerable.Range(0, count).Select(i => count == 1 ? from : from + (to - from) * i / (count - 1))];

    private static string List(double[] values) => "{" + string.Join(",", values.Select(v => v.ToString("0.##"))) + "}";
}
