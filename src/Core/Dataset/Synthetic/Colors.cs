using SkiaSharp;

namespace Contest.Core.Dataset.Synthetic;

/// <summary>Colour helpers for the painters: HSV, shading, mixing and jitter.</summary>
internal static class Colors
{
    /// <summary>From hue in degrees, saturation and value in [0,1].</summary>
    public static SKColor Hsv(float hue, float saturation, float value, byte alpha = 255) =>
        SKColor.FromHsv(((hue % 360) + 360) % 360, Math.Clamp(saturation, 0, 1) * 100, Math.Clamp(value, 0, 1) * 100, alpha);

    /// <summary>Darker (factor &lt; 1) or lighter (factor &gt; 1), keeping the hue.</summary>
    public static SKColor Shade(SKColor color, float factor)
    {
        if (factor <= 1)
            return new SKColor(Scale(color.Red, factor), Scale(color.Green, factor), Scale(color.Blue, factor), color.Alpha);
        var t = Math.Clamp(factor - 1, 0, 1);
        return Mix(color, SKColors.White, t);
    }

    public static SKColor Mix(SKColor a, SKColor b, float t) => new(
        Lerp(a.Red, b.Red, t), Lerp(a.Green, b.Green, t), Lerp(a.Blue, b.Blue, t), Lerp(a.Alpha, b.Alpha, t));

    public static SKColor WithAlpha(SKColor color, float alpha) => color.WithAlpha((byte)Math.Clamp(alpha * 255, 0, 255));

    /// <summary>A colour nudged randomly in hue, saturation and value.</summary>
    public static SKColor Jitter(DeterministicRandom random, SKColor color, float hue = 8, float amount = 0.08f)
    {
        color.ToHsv(out var h, out var s, out var v);
        return Hsv(h + random.Range(-hue, hue), s / 100 + random.Range(-amount, amount), v / 100 + random.Range(-amount, amount), color.Alpha);
    }

    /// <summary>Any hue with moderate-to-high saturation and value: paints, plumage, frames.</summary>
    public static SKColor Vivid(DeterministicRandom random) =>
        Hsv(random.Range(0, 360), random.Range(0.45f, 0.95f), random.Range(0.45f, 0.95f));

    /// <summary>A shade of grey between two values.</summary>
    public static SKColor Grey(float value) => Hsv(0, 0, value);

    private static byte Scale(byte channel, float factor) => (byte)Math.Clamp(channel * factor, 0, 255);

    private static byte Lerp(byte a, byte b, float t) => (byte)Math.Clamp(a + (b - a) * t + 0.5f, 0, 255);
}
