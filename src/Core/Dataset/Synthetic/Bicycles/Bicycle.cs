using SkiaSharp;

namespace Contest.Core.Dataset.Synthetic.Bicycles;

/// <summary>A whole bicycle in profile from its drive side, of a random kind, colour and build.</summary>
internal static class Bicycle
{
    public static ObjectDrawing Create(DeterministicRandom random)
    {
        var kind = (BicycleKind)random.Weighted([1f, 1f, 1f, 0.7f]);
        var g = Geometry.Create(kind, random);
        var drawing = new ObjectDrawing(kind switch
        {
            BicycleKind.Road => "road-bicycle",
            BicycleKind.City => "city-bicycle",
            BicycleKind.Mountain => "mountain-bicycle",
            _ => "small-wheeled-bicycle",
        });
        var frame = FrameColor(random);
        var wheel = Wheel.Pick(g, random);
        var saddle = random.Chance(0.7) ? new SKColor(30, 30, 32) : Colors.Jitter(random, new SKColor(120, 75, 45));
        var tape = random.Pick<SKColor>([new SKColor(30, 30, 32), new SKColor(235, 235, 230), saddle, frame]);
        var crank = random.Range(0, 360);
        var city = kind == BicycleKind.City;

        Fittings.Drivetrain(drawing, g, crank, farSide: true);
        Wheel.Draw(drawing, g.RearAxle, g.WheelRadius, g.TyreWidth, wheel, random.Range(0, 360));
        Wheel.Draw(drawing, g.FrontAxle, g.WheelRadius, g.TyreWidth, wheel, random.Range(0, 360));
        if (city || random.Chance(0.12))
        {
            var fender = random.Chance(0.5) ? frame : random.Pick<SKColor>([new SKColor(30, 30, 32), new SKColor(190, 192, 198)]);
            Fittings.Fender(drawing, g.RearAxle, g.WheelRadius + g.TyreWidth / 2 + 2.5f, fender);
            Fittings.Fender(drawing, g.FrontAxle, g.WheelRadius + g.TyreWidth / 2 + 2.5f, fender);
        }
        if (city && random.Chance(0.5))
            Fittings.Rack(drawing, g, g.WheelRadius + g.TyreWidth);

        Frame(drawing, g, frame, random);
        Fork(drawing, g, frame);
        if (random.Chance(city ? 0.5 : 0.15))
            Fittings.Kickstand(drawing, g, g.WheelRadius);
        Fittings.Drivetrain(drawing, g, crank, farSide: false);
        if (city && random.Chance(0.6))
            Fittings.ChainGuard(drawing, g, random.Chance(0.5) ? frame : new SKColor(30, 30, 32));

        Tube(drawing, Shapes.Line(g.SeatTop, g.Saddle), new SKColor(170, 172, 178), g.TubeWidth * 0.7f);
        Fittings.Saddle(drawing, g, saddle, random);
        Fittings.Handlebars(drawing, g, tape, random);
        if (city && random.Chance(0.5))
            Fittings.Basket(drawing, g, random);
        return drawing;
    }

    private static void Frame(ObjectDrawing drawing, Geometry g, SKColor color, DeterministicRandom random)
    {
        var w = g.TubeWidth;
        var bb = g.BottomBracket;
        var seatJoin = Shapes.Lerp(g.SeatTop, bb, 0.06f);
        Tube(drawing, Shapes.Line(g.RearAxle, bb), color, w * 0.7f);
        Tube(drawing, Shapes.Line(g.RearAxle, seatJoin), color, w * 0.65f);
        Tube(drawing, Shapes.Line(bb, g.SeatTop), color, w);
        var headTopJoin = Shapes.Lerp(g.HeadTop, g.HeadBottom, 0.2f);
        var headBottomJoin = Shapes.Lerp(g.HeadBottom, g.HeadTop, 0.15f);
        switch (g.Kind)
        {
            case BicycleKind.City:
                // Step-through: two tubes sweep low from the head tube to the seat tube.
                Tube(drawing, Shapes.SmoothOpen(headTopJoin, new SKPoint(Shapes.Lerp(headBottomJoin, bb, 0.55f).X, bb.Y - 10), bb), color, w);
                if (random.Chance(0.6))
                    Tube(drawing, Shapes.SmoothOpen(headBottomJoin, new SKPoint(Shapes.Lerp(headBottomJoin, bb, 0.5f).X, bb.Y - 2), Shapes.Lerp(bb, g.SeatTop, 0.25f)), color, w * 0.8f);
                break;
            case BicycleKind.SmallWheel when random.Chance(0.5):
                // Folding bike: one big main tube with a hinge.
                var main = Shapes.Line(headBottomJoin, Shapes.Lerp(bb, g.SeatTop, 0.4f));
                Tube(drawing, main, color, w * 1.5f);
                var hinge = Shapes.Lerp(headBottomJoin, Shapes.Lerp(bb, g.SeatTop, 0.4f), 0.45f);
                drawing.Fill(Shapes.Circle(hinge.X, hinge.Y, w * 1.1f), new SKColor(60, 62, 66));
                break;
            default:
                Tube(drawing, Shapes.Line(seatJoin, headTopJoin), color, w);
                Tube(drawing, Shapes.Line(bb, headBottomJoin), color, w * 1.15f);
                break;
        }
        Tube(drawing, Shapes.Line(g.HeadBottom, g.HeadTop), Colors.Shade(color, 0.85f), w * 1.4f);
    }

    private static void Fork(ObjectDrawing drawing, Geometry g, SKColor color)
    {
        var w = g.TubeWidth;
        if (g.Kind == BicycleKind.Mountain)
        {
            var knee = Shapes.Lerp(g.FrontAxle, g.HeadBottom, 0.55f);
            Tube(drawing, Shapes.Line(knee, g.HeadBottom), new SKColor(195, 198, 204), w * 0.8f);
            Tube(drawing, Shapes.Line(g.FrontAxle, knee), new SKColor(40, 40, 44), w * 1.35f);
            return;
        }
        var middle = Shapes.Lerp(g.FrontAxle, g.HeadBottom, 0.5f);
        Tube(drawing, Shapes.SmoothOpen(g.FrontAxle, new SKPoint(middle.X + 2.5f, middle.Y), g.HeadBottom), color, w * 0.85f);
    }

    /// <summary>A tube with a lighter highlight along its top, so it reads as round.</summary>
    private static void Tube(ObjectDrawing drawing, SKPath path, SKColor color, float width)
    {
        drawing.Stroke(path, color, width);
        var highlight = new SKPath(path);
        highlight.Offset(0, -width * 0.18f);
        drawing.Stroke(highlight, Colors.Shade(color, 1.3f), width * 0.3f);
    }

    private static SKColor FrameColor(DeterministicRandom random) => random.Int(0, 10) switch
    {
        < 6 => Colors.Vivid(random),
        6 => Colors.Grey(random.Range(0.08f, 0.2f)),
        7 => Colors.Grey(random.Range(0.85f, 0.95f)),
        8 => new SKColor(175, 178, 184),
        _ => Colors.Hsv(random.Range(0, 360), random.Range(0.3f, 0.6f), random.Range(0.25f, 0.4f)),
    };
}
