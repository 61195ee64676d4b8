using SkiaSharp;

namespace Contest.Core.Dataset.Synthetic.Bicycles;

/// <summary>Saddles, handlebars, drivetrain and the city extras (fenders, basket, rack, chain guard).</summary>
internal static class Fittings
{
    private static readonly SKColor Metal = new(185, 188, 194);
    private static readonly SKColor DarkMetal = new(70, 72, 78);
    private static readonly SKColor Rubber = new(28, 28, 30);

    public static void Saddle(ObjectDrawing drawing, Geometry g, SKColor color, DeterministicRandom random)
    {
        var s = g.Saddle;
        if (g.Kind == BicycleKind.City)
        {
            drawing.Fill(Shapes.SmoothClosed(new SKPoint(s.X - 11, s.Y - 3), new SKPoint(s.X + 2, s.Y - 5), new SKPoint(s.X + 12, s.Y - 3),
                new SKPoint(s.X + 10, s.Y + 1), new SKPoint(s.X - 10, s.Y + 3)), color);
            var springs = new SKPath();
            springs.AddPoly([new SKPoint(s.X - 8, s.Y + 3), new SKPoint(s.X - 6, s.Y + 6), new SKPoint(s.X - 9, s.Y + 7), new SKPoint(s.X - 6, s.Y + 9)], close: false);
            drawing.Stroke(springs, DarkMetal, 1.2f);
            return;
        }
        var length = g.Kind == BicycleKind.Road ? random.Range(20, 26) : random.Range(16, 22);
        drawing.Fill(Shapes.SmoothClosed(new SKPoint(s.X - length * 0.45f, s.Y - 3.2f), new SKPoint(s.X + length * 0.1f, s.Y - 2.6f),
            new SKPoint(s.X + length * 0.55f, s.Y - 1.2f), new SKPoint(s.X + length * 0.5f, s.Y + 0.8f), new SKPoint(s.X - length * 0.45f, s.Y + 1.6f)), color);
    }

    public static void Handlebars(ObjectDrawing drawing, Geometry g, SKColor tape, DeterministicRandom random)
    {
        var e = g.StemEnd;
        drawing.Stroke(Shapes.Line(g.HeadTop, e), DarkMetal, g.TubeWidth * 0.8f);
        switch (g.Kind)
        {
            case BicycleKind.Road:
                // Drop bars: forward, then hooking down and back, with a brake hood on top.
                var drop = random.Range(12, 17);
                drawing.Stroke(Shapes.SmoothOpen(e, new SKPoint(e.X + 7, e.Y - 0.5f), new SKPoint(e.X + 11, e.Y + drop * 0.45f),
                    new SKPoint(e.X + 7, e.Y + drop), new SKPoint(e.X - 1, e.Y + drop * 0.95f)), tape, 2.6f);
                drawing.Fill(Shapes.Ellipse(e.X + 7, e.Y - 2, 3.5f, 2.2f, -20), Rubber);
                break;
            case BicycleKind.City:
                var back = random.Range(14, 22);
                var bar = Shapes.SmoothOpen(e, new SKPoint(e.X - 3, e.Y - 6), new SKPoint(e.X - back * 0.6f, e.Y - 8), new SKPoint(e.X - back, e.Y - 6));
                drawing.Stroke(bar, Metal, 2.4f);
                drawing.Stroke(Shapes.Line(new SKPoint(e.X - back * 0.7f, e.Y - 7.5f), new SKPoint(e.X - back - 1, e.Y - 5.8f)), tape, 4);
                break;
            case BicycleKind.Mountain:
                drawing.Stroke(Shapes.Line(new SKPoint(e.X - 3, e.Y - 1), new SKPoint(e.X + 4, e.Y - 2.5f)), DarkMetal, 2.6f);
                drawing.Stroke(Shapes.Line(new SKPoint(e.X - 1, e.Y - 1.5f), new SKPoint(e.X - 8, e.Y - 0.5f)), tape, 4.4f);
                break;
            default:
                // Riser bars with a crossbar (BMX) and grips at the top.
                var rise = random.Range(12, 20);
                var top = new SKPoint(e.X - 6, e.Y - rise);
                drawing.Stroke(Shapes.Polyline(e, new SKPoint(e.X - 2, e.Y - rise * 0.6f), top), Metal, 2.6f);
                drawing.Stroke(Shapes.Line(new SKPoint(e.X - 5, e.Y - rise * 0.55f), new SKPoint(e.X + 2, e.Y - rise * 0.62f)), Metal, 1.8f);
                drawing.Stroke(Shapes.Line(top, new SKPoint(top.X - 7, top.Y - 1)), tape, 4.2f);
                break;
        }
    }

    public static void Drivetrain(ObjectDrawing drawing, Geometry g, float crankAngle, bool farSide)
    {
        var bb = g.BottomBracket;
        var crankLength = g.Kind == BicycleKind.SmallWheel ? 13f : 16.5f;
        var angle = farSide ? crankAngle + 180 : crankAngle;
        var pedal = Shapes.Polar(bb, angle, crankLength);
        if (farSide)
        {
            drawing.Stroke(Shapes.Line(bb, pedal), DarkMetal, 2.6f);
            drawing.Fill(Shapes.Ellipse(pedal.X, pedal.Y, 4.5f, 1.8f), Rubber);
            return;
        }
        var ring = g.Kind == BicycleKind.Mountain ? 9.5f : 11.5f;
        var cog = g.Kind == BicycleKind.SmallWheel ? 3.2f : 5f;
        var rear = g.RearAxle;
        var chain = new SKPath();
        chain.MoveTo(bb.X, bb.Y - ring);
        chain.LineTo(rear.X, rear.Y - cog);
        chain.MoveTo(bb.X, bb.Y + ring);
        chain.LineTo(rear.X, rear.Y + cog);
        drawing.Stroke(chain, new SKColor(80, 78, 76), 1.5f);
        drawing.Fill(Wheel.Star(rear, cog + 1, cog, 14, 0), DarkMetal);
        drawing.Fill(Wheel.Star(bb, ring + 1.2f, ring, 36, crankAngle), new SKColor(120, 122, 128));
        drawing.Stroke(Shapes.Circle(bb.X, bb.Y, ring * 0.62f), new SKColor(150, 152, 158), 1.4f);
        drawing.Stroke(Shapes.Line(bb, pedal), Metal, 3f);
        drawing.Fill(Shapes.Circle(bb.X, bb.Y, 2.8f), DarkMetal);
        drawing.Fill(Shapes.Ellipse(pedal.X, pedal.Y, 5, 2), Rubber);
    }

    public static void Fender(ObjectDrawing drawing, SKPoint hub, float radius, SKColor color)
    {
        var path = new SKPath();
        path.AddArc(new SKRect(hub.X - radius, hub.Y - radius, hub.X + radius, hub.Y + radius), 160, 200);
        drawing.Stroke(path, color, 2.6f, SKStrokeCap.Butt);
    }

    public static void ChainGuard(ObjectDrawing drawing, Geometry g, SKColor color)
    {
        var bb = g.BottomBracket;
        drawing.Fill(Shapes.SmoothClosed(new SKPoint(bb.X + 12, bb.Y - 2), new SKPoint(bb.X + 4, bb.Y - 14), new SKPoint(bb.X - 20, bb.Y - 10),
            new SKPoint(g.RearAxle.X + 2, g.RearAxle.Y - 7), new SKPoint(g.RearAxle.X + 4, g.RearAxle.Y - 1), new SKPoint(bb.X - 14, bb.Y - 3)), color);
    }

    public static void Basket(ObjectDrawing drawing, Geometry g, DeterministicRandom random)
    {
        var top = new SKPoint(g.StemEnd.X + 4, g.StemEnd.Y + 1);
        var width = random.Range(18, 24);
        var height = random.Range(13, 17);
        var color = random.Chance(0.6) ? Colors.Jitter(random, new SKColor(175, 130, 75)) : Colors.Grey(random.Range(0.2f, 0.8f));
        var box = Shapes.Polygon(top, new SKPoint(top.X + width, top.Y), new SKPoint(top.X + width - 3, top.Y + height), new SKPoint(top.X + 2, top.Y + height));
        drawing.Fill(box, color);
        var weave = Enumerable.Range(1, 3).Select(i => (new SKPoint(top.X, top.Y + i * height / 4), new SKPoint(top.X + width, top.Y + i * height / 4)))
            .Concat(Enumerable.Range(1, 5).Select(i => (new SKPoint(top.X + i * width / 6, top.Y), new SKPoint(top.X + i * width / 6, top.Y + height))));
        drawing.Markings(box, weave, Colors.Shade(color, 0.65f), 0.9f);
        drawing.Stroke(Shapes.Line(top, new SKPoint(top.X + width, top.Y)), Colors.Shade(color, 0.8f), 2);
        drawing.Stroke(Shapes.Line(new SKPoint(top.X + width / 2, top.Y + height), new SKPoint(g.FrontAxle.X + 1, g.FrontAxle.Y - 3)), DarkMetal, 1.2f);
    }

    public static void Rack(ObjectDrawing drawing, Geometry g, float radius)
    {
        var y = g.RearAxle.Y - radius - 5;
        var rack = new SKPath();
        rack.MoveTo(g.RearAxle.X - 10, y);
        rack.LineTo(g.SeatTop.X + 2, y);
        rack.MoveTo(g.RearAxle.X - 6, y);
        rack.LineTo(g.RearAxle.X, g.RearAxle.Y);
        rack.MoveTo(g.RearAxle.X + 4, y);
        rack.LineTo(g.RearAxle.X + 1, g.RearAxle.Y);
        rack.MoveTo(g.SeatTop.X - 1, y);
        rack.LineTo(g.SeatTop.X + 1, g.SeatTop.Y + 4);
        drawing.Stroke(rack, DarkMetal, 1.6f);
    }

    public static void Kickstand(ObjectDrawing drawing, Geometry g, float radius)
    {
        var from = Shapes.Lerp(g.BottomBracket, g.RearAxle, 0.25f);
        drawing.Stroke(Shapes.Line(from, new SKPoint(from.X - 10, g.RearAxle.Y + radius - 1)), DarkMetal, 1.8f);
    }
}
