using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>skimage's <c>rgb2hsv</c> and <c>hsv2rgb</c> on [B,3,H,W] float64 images in [0,1].</summary>
internal static class Hsv
{
    public static Tensor FromRgb(Tensor rgb)
    {
        using var scope = NewDisposeScope();
        var (r, g, b) = (rgb[.., 0], rgb[.., 1], rgb[.., 2]);
        var value = rgb.amax([1]);
        var delta = value - rgb.amin([1]);
        var flat = delta.eq(0);
        var safeDelta = where(flat, ones_like(delta), delta);
        var saturation = where(flat, zeros_like(delta), delta / where(value.eq(0), ones_like(value), value));
        // skimage assigns red, then green, then blue: a later maximum overwrites an earlier one.
        var hue = (g - b) / safeDelta;
        hue = where(g.eq(value), 2.0 + (b - r) / safeDelta, hue);
        hue = where(b.eq(value), 4.0 + (r - g) / safeDelta, hue);
        hue = where(flat, zeros_like(hue), (hue / 6.0).remainder(1.0));
        return stack([hue, saturation, value], 1).MoveToOuterDisposeScope();
    }

    public static Tensor ToRgb(Tensor hsv)
    {
        using var scope = NewDisposeScope();
        var (h, s, v) = (hsv[.., 0], hsv[.., 1], hsv[.., 2]);
        var sector = (h * 6).floor();
        var f = h * 6 - sector;
        var p = v * (1 - s);
        var q = v * (1 - f * s);
        var t = v * (1 - (1 - f) * s);
        var index = sector.remainder(6);
        Tensor Pick(Tensor c0, Tensor c1, Tensor c2, Tensor c3, Tensor c4, Tensor c5) =>
            where(index.eq(0), c0, where(index.eq(1), c1, where(index.eq(2), c2, where(index.eq(3), c3, where(index.eq(4), c4, c5)))));
        var red = Pick(v, q, p, p, t, v);
        var green = Pick(t, v, v, q, p, p);
        var blue = Pick(p, p, t, v, v, q);
        return stack([red, green, blue], 1).MoveToOuterDisposeScope();
    }
}
