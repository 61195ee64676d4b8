using SkiaSharp;

namespace Contest.Tests.Shared;

/// <summary>Images for attack-submission tests, made with SkiaSharp: valid PNGs and every kind of malformed file.</summary>
internal static class TestImages
{
    /// <summary>A distinct opaque 224x224 RGB PNG for each seed.</summary>
    public static byte[] Png(int seed, int width = 224, int height = 224, SKColorType colorType = SKColorType.Rgb888x, SKAlphaType alpha = SKAlphaType.Opaque)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, colorType, alpha));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor((byte)(40 + seed * 37 % 200), (byte)(90 + seed * 53 % 150), 200));
            using var paint = new SKPaint { Color = new SKColor(250, (byte)(seed * 11 % 255), 30), IsAntialias = true };
            canvas.DrawCircle(112, 112, 40 + seed % 50, paint);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static byte[] Jpeg(int seed)
    {
        using var bitmap = SKBitmap.Decode(Png(seed));
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>The PNG colour type byte of an encoded PNG (2 = RGB, 6 = RGBA, 0 = gray).</summary>
    public static byte PngColourType(byte[] png) => png[25];
}
