using Contest.Core.Dataset.Synthetic.Bicycles;
using Contest.Core.Dataset.Synthetic.Birds;
using Contest.Core.Dataset.Synthetic.Scenery;
using SkiaSharp;

namespace Contest.Core.Dataset.Synthetic;

/// <summary>
/// Renders one image from its key alone. The scene, distractors and camera are drawn from their own
/// random streams by the same rules whatever the class (distractors only keep clear of the object's
/// box), so nothing but the object tells the classes apart.
/// </summary>
internal static class SceneRenderer
{
    private const int Size = DatasetLayout.ImageSize;

    public static RenderedImage Render(ImageKey key)
    {
        using var surface = CreateSurface();
        var (box, kind) = Paint(key, surface);
        using var pixels = surface.PeekPixels();
        return new RenderedImage(Encode(pixels), box, kind);
    }

    /// <summary>A blank (transparent black) canvas of the image size.</summary>
    public static SKSurface CreateSurface() =>
        SKSurface.Create(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul))
        ?? throw new InvalidOperationException("SkiaSharp could not create a raster surface.");

    /// <summary>Draws the image of <paramref name="key"/>, camera pass included, on a blank surface.</summary>
    public static (BoundingBox Box, string Kind) Paint(ImageKey key, SKSurface surface)
    {
        var root = new DeterministicRandom(key.RandomSeed);
        var scene = root.Fork(1);
        var shape = root.Fork(2);
        var camera = root.Fork(3);
        var place = root.Fork(4);

        using var drawing = key.Label == ClassLabel.Bird ? Bird.Create(shape) : Bicycle.Create(shape);
        var placement = Placement.Choose(drawing, place, Size);
        var bounds = drawing.Bounds(placement);

        var canvas = surface.Canvas;
        var backdrop = Background.Draw(canvas, scene, Size);
        Distractors.Draw(canvas, scene, Size, backdrop, bounds);
        if (scene.Chance(0.5))
            Shadow(canvas, scene, bounds);
        drawing.Draw(canvas, placement);

        var look = Camera.Pick(camera);
        if (look.BlurSigma > 0)
            Blur(surface, look.BlurSigma);
        using var pixels = surface.PeekPixels();
        CameraPass.Apply(pixels.GetPixelSpan(), Size, Size, look);
        return (ToBox(bounds), drawing.Kind);
    }

    /// <summary>The JPEG of finished pixels, at the dataset's quality.</summary>
    public static byte[] Encode(SKPixmap pixels)
    {
        using var data = pixels.Encode(new SKJpegEncoderOptions(SyntheticDataset.JpegQuality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            ?? throw new InvalidOperationException("SkiaSharp could not encode a JPEG.");
        return data.ToArray();
    }

    private static void Blur(SKSurface surface, float sigma)
    {
        using var sharp = surface.Snapshot();
        using var paint = new SKPaint { ImageFilter = SKImageFilter.CreateBlur(sigma, sigma, SKShaderTileMode.Clamp) };
        surface.Canvas.DrawImage(sharp, 0, 0, paint);
    }

    private static void Shadow(SKCanvas canvas, DeterministicRandom random, SKRect bounds)
    {
        using var paint = new SKPaint
        {
            IsAntialias = true,
            Color = SKColors.Black.WithAlpha((byte)random.Range(40, 90)),
            MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, 4),
        };
        canvas.DrawOval(new SKPoint(bounds.MidX + random.Range(-0.1f, 0.1f) * bounds.Width, bounds.Bottom - 2), new SKSize(bounds.Width * 0.45f, 5), paint);
    }

    private static BoundingBox ToBox(SKRect r)
    {
        var left = Math.Clamp((int)MathF.Floor(r.Left), 0, Size);
        var top = Math.Clamp((int)MathF.Floor(r.Top), 0, Size);
        var right = Math.Clamp((int)MathF.Ceiling(r.Right), 0, Size);
        var bottom = Math.Clamp((int)MathF.Ceiling(r.Bottom), 0, Size);
        return new BoundingBox(left, top, right - left, bottom - top);
    }
}
