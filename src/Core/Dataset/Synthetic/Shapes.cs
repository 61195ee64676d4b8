using SkiaSharp;

namespace Contest.Core.Dataset.Synthetic;

/// <summary>Path builders the painters share.</summary>
internal static class Shapes
{
    public static SKPath Ellipse(float cx, float cy, float rx, float ry, float degrees = 0)
    {
        var path = new SKPath();
        path.AddOval(new SKRect(cx - rx, cy - ry, cx + rx, cy + ry));
        if (degrees != 0)
            path.Transform(SKMatrix.CreateRotationDegrees(degrees, cx, cy));
        return path;
    }

    public static SKPath Circle(float cx, float cy, float r) => Ellipse(cx, cy, r, r);

    public static SKPath Polygon(params SKPoint[] points)
    {
        var path = new SKPath();
        path.AddPoly(points, close: true);
        return path;
    }

    public static SKPath Line(SKPoint a, SKPoint b)
    {
        var path = new SKPath();
        path.MoveTo(a);
        path.LineTo(b);
        return path;
    }

    public static SKPath Polyline(params SKPoint[] points)
    {
        var path = new SKPath();
        path.AddPoly(points, close: false);
        return path;
    }

    /// <summary>A closed shape through the points with smooth (Catmull-Rom) curves.</summary>
    public static SKPath SmoothClosed(params SKPoint[] points)
    {
        var path = new SKPath();
        var n = points.Length;
        path.MoveTo(points[0]);
        for (var i = 0; i < n; i++)
        {
            var p0 = points[(i - 1 + n) % n];
            var p1 = points[i];
            var p2 = points[(i + 1) % n];
            var p3 = points[(i + 2) % n];
            path.CubicTo(p1 + Scale(p2 - p0, 1 / 6f), p2 - Scale(p3 - p1, 1 / 6f), p2);
        }
        path.Close();
        return path;
    }

    /// <summary>An open smooth curve through the points (Catmull-Rom, ends clamped).</summary>
    public static SKPath SmoothOpen(params SKPoint[] points)
    {
        var path = new SKPath();
        var n = points.Length;
        path.MoveTo(points[0]);
        for (var i = 0; i < n - 1; i++)
        {
            var p0 = points[Math.Max(i - 1, 0)];
            var p1 = points[i];
            var p2 = points[i + 1];
            var p3 = points[Math.Min(i + 2, n - 1)];
            path.CubicTo(p1 + Scale(p2 - p0, 1 / 6f), p2 - Scale(p3 - p1, 1 / 6f), p2);
        }
        return path;
    }

    /// <summary>A tapered limb or neck: a quad from a to b, width wa at a narrowing to wb at b.</summary>
    public static SKPath Taper(SKPoint a, SKPoint b, float wa, float wb)
    {
        var d = b - a;
        var length = MathF.Max(d.Length, 1e-3f);
        var n = new SKPoint(-d.Y / length, d.X / length);
        return Polygon(a + Scale(n, wa / 2), b + Scale(n, wb / 2), b - Scale(n, wb / 2), a - Scale(n, wa / 2));
    }

    /// <summary>Point at an angle (degrees, 0 = +x, 90 = +y i.e. down on screen) and distance from a centre.</summary>
    public static SKPoint Polar(SKPoint centre, float degrees, float distance)
    {
        var r = degrees * MathF.PI / 180;
        return new SKPoint(centre.X + MathF.Cos(r) * distance, centre.Y + MathF.Sin(r) * distance);
    }

    /// <summary>The intersection of two paths, e.g. a marking clipped to the body it sits on.</summary>
    public static SKPath Clip(SKPath shape, SKPath within) => shape.Op(within, SKPathOp.Intersect) ?? new SKPath();

    /// <summary>A point turned about the origin (positive degrees turn clockwise on screen).</summary>
    public static SKPoint Rotate(SKPoint p, float degrees)
    {
        var (sin, cos) = MathF.SinCos(degrees * MathF.PI / 180);
        return new SKPoint(p.X * cos - p.Y * sin, p.X * sin + p.Y * cos);
    }

    public static SKPoint Scale(SKPoint p, float s) => new(p.X * s, p.Y * s);

    public static SKPoint Lerp(SKPoint a, SKPoint b, float t) => new(a.X + (b.X - a.X) * t, a.Y + (b.Y - a.Y) * t);
}
