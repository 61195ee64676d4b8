using SkiaSharp;

namespace Contest.Core.Dataset.Synthetic.Birds;

/// <summary>Parts every body plan draws the same way: shaded bodies, eyes, beaks, legs and feet.</summary>
internal static class BirdParts
{
    /// <summary>A radial shade, lighter towards the top-left, that gives a flat shape volume.</summary>
    public static SKShader Volume(SKPoint centre, float radius, SKColor color) =>
        SKShader.CreateRadialGradient(
            new SKPoint(centre.X - radius * 0.3f, centre.Y - radius * 0.45f), radius * 1.5f,
            [Colors.Shade(color, 1.18f), color, Colors.Shade(color, 0.72f)], [0f, 0.55f, 1f], SKShaderTileMode.Clamp);

    public static void ShadedFill(ObjectDrawing drawing, SKPath path, SKColor color)
    {
        var b = path.TightBounds;
        drawing.Fill(path, color, Volume(new SKPoint(b.MidX, b.MidY), MathF.Max(b.Width, b.Height) / 2, color));
    }

    /// <summary>A dark eye with a catch-light, optionally ringed.</summary>
    public static void Eye(ObjectDrawing drawing, SKPoint at, float radius, SKColor? ring = null, SKColor? iris = null)
    {
        if (ring is { } r)
            drawing.Fill(Shapes.Circle(at.X, at.Y, radius * 1.55f), r);
        if (iris is { } i)
        {
            drawing.Fill(Shapes.Circle(at.X, at.Y, radius), i);
            drawing.Fill(Shapes.Circle(at.X, at.Y, radius * 0.55f), new SKColor(12, 10, 10));
        }
        else
        {
            drawing.Fill(Shapes.Circle(at.X, at.Y, radius), new SKColor(14, 12, 12));
        }
        drawing.Fill(Shapes.Circle(at.X - radius * 0.35f, at.Y - radius * 0.35f, radius * 0.32f), new SKColor(250, 250, 250));
    }

    /// <summary>A pointed beak from the head's edge along a direction (degrees), with a mouth line.</summary>
    public static void Beak(ObjectDrawing drawing, SKPoint head, float headRadius, float direction, float length, float depth, SKColor color, float droop = 0)
    {
        var baseCentre = Shapes.Polar(head, direction, headRadius * 0.82f);
        var top = Shapes.Polar(baseCentre, direction - 90, depth / 2);
        var bottom = Shapes.Polar(baseCentre, direction + 90, depth / 2);
        var tip = Shapes.Polar(Shapes.Polar(baseCentre, direction, length), direction + 90, droop);
        var upperMid = Shapes.Polar(Shapes.Lerp(top, tip, 0.5f), direction - 90, depth * 0.12f);
        var path = new SKPath();
        path.MoveTo(top);
        path.QuadTo(upperMid, tip);
        path.LineTo(bottom);
        path.Close();
        drawing.Fill(path, color);
        drawing.Stroke(Shapes.Line(baseCentre, Shapes.Lerp(baseCentre, tip, 0.75f)), Colors.Shade(color, 0.55f), MathF.Max(0.6f, depth * 0.08f));
    }

    /// <summary>A thin leg from hip to foot with three toes forward and one back.</summary>
    public static void Leg(ObjectDrawing drawing, SKPoint hip, SKPoint foot, float width, float toe, SKColor color, float facing = 1)
    {
        drawing.Stroke(Shapes.Line(hip, foot), color, width);
        var toes = new SKPath();
        foreach (var angle in new[] { -12f, 8f, 28f })
        {
            toes.MoveTo(foot);
            toes.LineTo(Shapes.Polar(foot, facing > 0 ? angle : 180 - angle, toe));
        }
        toes.MoveTo(foot);
        toes.LineTo(Shapes.Polar(foot, facing > 0 ? 170 : 10, toe * 0.6f));
        drawing.Stroke(toes, color, width * 0.8f);
    }

    /// <summary>A webbed foot (ducks, penguins): a rounded fan pointing along <paramref name="direction"/>.</summary>
    public static void WebbedFoot(ObjectDrawing drawing, SKPoint ankle, float size, float direction, SKColor color)
    {
        var a = Shapes.Polar(ankle, direction - 25, size);
        var b = Shapes.Polar(ankle, direction, size * 1.1f);
        var c = Shapes.Polar(ankle, direction + 25, size);
        drawing.Fill(Shapes.SmoothClosed(ankle, a, b, c), color);
    }
}
