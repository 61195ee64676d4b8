using SkiaSharp;

namespace Contest.Core.Imaging;

/// <summary>Draws short labels with the machine's default font, or the built-in pixel font when there is none.</summary>
internal sealed class Labeller : IDisposable
{
    // Ids read best in a monospaced face; the first of these families installed wins, else the default face.
    private static readonly string[] MonospacedFamilies = ["DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono", "Menlo", "Consolas"];
    private static readonly Lazy<SKTypeface> Typeface = new(PickTypeface);

    private readonly SKFont? _font;
    private readonly SKPaint _paint = new() { IsAntialias = true };
    private readonly int _pixelScale;

    /// <param name="height">The text height in pixels, roughly.</param>
    public Labeller(float height)
    {
        var typeface = Typeface.Value;
        // SkiaSharp's dependency-free Linux build finds fonts only in the usual folders; none means no glyphs.
        if (typeface.GlyphCount > 0)
            _font = new SKFont(typeface, height);
        _pixelScale = Math.Max(1, (int)MathF.Round(height / 9));
    }

    /// <summary>The height of one line in pixels.</summary>
    public float LineHeight => _font is { } f ? f.Spacing : (PixelFont.GlyphHeight + 2) * _pixelScale;

    public float Measure(string text) => _font is { } f ? f.MeasureText(text) : PixelFont.Measure(text, _pixelScale);

    /// <summary>Draws text with its top-left corner at (x, y).</summary>
    public void Draw(SKCanvas canvas, string text, float x, float y, SKColor color)
    {
        if (_font is { } f)
        {
            _paint.Color = color;
            canvas.DrawText(text, x, y - f.Metrics.Ascent, f, _paint);
        }
        else
        {
            PixelFont.Draw(canvas, text, x, y, _pixelScale, color);
        }
    }

    private static SKTypeface PickTypeface()
    {
        foreach (var family in MonospacedFamilies)
        {
            // Without the family, the font manager answers with its closest match, usually the default face.
            if (SKTypeface.FromFamilyName(family) is { } typeface && typeface.FamilyName == family && typeface.GlyphCount > 0)
                return typeface;
        }
        return SKTypeface.Default;
    }

    public void Dispose()
    {
        _font?.Dispose();
        _paint.Dispose();
    }
}
