using Contest.Core.Rules;

namespace Contest.Evaluator.Attacks.Spatial;

/// <summary>The one random rotation and translation that precedes SPSA and the boundary attack.</summary>
/// <param name="MaxTranslation">dx and dy are uniform in [-this, this] pixels.</param>
/// <param name="MaxAngle">The angle is uniform in [-this, this] degrees.</param>
/// <param name="BorderSize">The image is shrunk by this many pixels and padded by this many on every side before transforming.</param>
internal sealed record RandomSpatialOptions(double MaxTranslation, double MaxAngle, int BorderSize)
{
    /// <summary>The original's limits [18, 18, 30] and black border 20.</summary>
    public static readonly RandomSpatialOptions Original = new(18, 30, 20);

    /// <summary>The settings as reports show them.</summary>
    public IReadOnlyList<AttackParameter> Describe() =>
    [
        new("random_translation_px", $"U(-{MaxTranslation:0.##}, {MaxTranslation:0.##})", "one random dx and dy per image before the attack (TensorFlow transform, bilinear)"),
        new("random_angle_deg", $"U(-{MaxAngle:0.##}, {MaxAngle:0.##})", "one random rotation per image about the centre (counter-clockwise for positive, as tf.contrib.image.rotate)"),
        new("random_border_px", BorderSize.ToString(),
            $"shrunk to {ImageSpec.Side - BorderSize}x{ImageSpec.Side - BorderSize} (TF bilinear) and padded by {BorderSize} per side, then transformed and centre-cropped to {ImageSpec.Side}: {BorderSize / 2} px of black remain on each side"),
    ];
}
