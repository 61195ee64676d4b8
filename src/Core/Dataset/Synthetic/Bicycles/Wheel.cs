using SkiaSharp;

namespace Contest.Core.Dataset.Synthetic.Bicycles;

/// <summary>A wheel: tyre (knobby for mountain bikes), rim, spokes or a mag wheel, hub, optional disc.</summary>
internal static class Wheel
{
    public sealed record Style(SKColor Tyre, SKColor Rim, SKColor Spokes, float RimDepth, int SpokeCount, bool Crossed, bool Knobby, bool Mag, bool Disc);

    public static Style Pick(Geometry g, DeterministicRandom random)
    {
        var tyre = random.Chance(0.2) ? new SKColor(95, 70, 50) : Colors.Grey(random.Range(0.06f, 0.16f));
        var rim = random.Pick<SKColor>([new SKColor(190, 192, 198), new SKColor(40, 40, 44), new SKColor(160, 160, 165), Colors.Vivid(random)]);
        var mag = g.Kind == BicycleKind.SmallWheel && random.Chance(0.35);
        return new Style(tyre, rim, Colors.Grey(random.Range(0.6f, 0.8f)),
            RimDepth: g.Kind == BicycleKind.Road && random.Chance(0.35) ? random.Range(4, 7) : random.Range(1.6f, 2.4f),
            SpokeCount: random.Pick([20, 24, 28, 32, 36]), Crossed: random.Chance(0.6),
            Knobby: g.Kind == BicycleKind.Mountain, Mag: mag, Disc: g.Kind == BicycleKind.Mountain || random.Chance(0.1));
    }

    public static void Draw(ObjectDrawing drawing, SKPoint hub, float radius, float tyreWidth, Style style, float spin)
    {
        if (style.Knobby)
            drawing.Fill(Star(hub, radius + tyreWidth * 0.5f + 1.1f, radius + tyreWidth * 0.3f, 64, spin), style.Tyre);
        drawing.Stroke(Shapes.Circle(hub.X, hub.Y, radius), style.Tyre, tyreWidth);
        var rimRadius = radius - tyreWidth / 2 - style.RimDepth / 2;
        drawing.Stroke(Shapes.Circle(hub.X, hub.Y, rimRadius), style.Rim, style.RimDepth);
        var inner = rimRadius - style.RimDepth / 2;
        if (style.Mag)
        {
            for (var i = 0; i < 5; i++)
            {
                var angle = spin + i * 72;
                drawing.Fill(Shapes.Taper(Shapes.Polar(hub, angle, 3), Shapes.Polar(hub, angle, inner), 5, 3), style.Rim);
            }
        }
        else
        {
            var spokes = new SKPath();
            for (var i = 0; i < style.SpokeCount; i++)
            {
                var angle = spin + i * 360f / style.SpokeCount;
                // Crossed lacing leaves the hub at a tangent, alternating direction.
                var offset = style.Crossed ? (i % 2 == 0 ? 1 : -1) * 80f : 0;
                spokes.MoveTo(Shapes.Polar(hub, angle + offset, style.Crossed ? 3.2f : 2.5f));
                spokes.LineTo(Shapes.Polar(hub, angle, inner));
            }
            drawing.Stroke(spokes, style.Spokes, 0.55f);
        }
        if (style.Disc)
            drawing.Stroke(Shapes.Circle(hub.X, hub.Y, 7.5f), new SKColor(175, 178, 182), 1.8f);
        drawing.Fill(Shapes.Circle(hub.X, hub.Y, 3.6f), new SKColor(150, 152, 158));
        drawing.Fill(Shapes.Circle(hub.X, hub.Y, 1.5f), new SKColor(60, 60, 64));
    }

    /// <summary>A toothed ring: chainrings, cogs and knobby tread.</summary>
    public static SKPath Star(SKPoint centre, float outer, float inner, int teeth, float spin)
    {
        var points = new SKPoint[teeth * 2];
        for (var i = 0; i < points.Length; i++)
            points[i] = Shapes.Polar(centre, spin + i * 180f / teeth, i % 2 == 0 ? outer : inner);
        return Shapes.Polygon(points);
    }
}
