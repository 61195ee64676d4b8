using SkiaSharp;

namespace Contest.Core.Dataset.Synthetic.Birds;

/// <summary>
/// A bird in flight seen from below and in front, wings spread: a raptor with fingered wingtips, a
/// gull with black tips, a crow or a swallow. The head turns to show eye and beak.
/// </summary>
internal static class FlyingBird
{
    private enum Style { Raptor, Gull, Crow, Swallow }

    private sealed record Plumage(Style Style, SKColor Body, SKColor Wing, SKColor Tip, SKColor Head, SKColor Beak, SKColor? Bars = null, SKColor? Belly = null);

    public static ObjectDrawing Create(DeterministicRandom random)
    {
        var p = PickPlumage(random);
        var drawing = new ObjectDrawing("bird-in-flight");
        var span = random.Range(100, 130);
        var dihedral = random.Range(-28, 14);
        var bodyLength = random.Range(30, 38);

        foreach (var side in new[] { -1f, 1f })
        {
            // Each wing is drawn pointing right, then mirrored for the left side and tilted.
            var wingMatrix = SKMatrix.CreateScale(side, 1).PostConcat(SKMatrix.CreateRotationDegrees(side * dihedral))
                .PostConcat(SKMatrix.CreateTranslation(side * 6, -bodyLength * 0.3f));
            var wing = WingOutline(p.Style, span, random.Range(0.8f, 1.1f));
            wing.Transform(wingMatrix);
            drawing.Fill(wing, p.Wing, SKShader.CreateLinearGradient(new SKPoint(0, -30), new SKPoint(0, 30),
                [Colors.Shade(p.Wing, 1.15f), Colors.Shade(p.Wing, 0.8f)], SKShaderTileMode.Clamp));
            var tip = Shapes.Polygon(new SKPoint(span * 0.72f, -60), new SKPoint(span * 1.4f, -60), new SKPoint(span * 1.4f, 60), new SKPoint(span * 0.66f, 60));
            tip.Transform(wingMatrix);
            drawing.Fill(Shapes.Clip(tip, wing), p.Tip);
            var lines = Enumerable.Range(1, 7).Select(i =>
            {
                var x = span * i / 9f;
                return (wingMatrix.MapPoint(new SKPoint(x, 0)), wingMatrix.MapPoint(new SKPoint(x + 6, 20)));
            });
            drawing.Markings(wing, lines, p.Bars ?? Colors.Shade(p.Wing, 0.7f), p.Bars is null ? 1 : 2.5f);
        }

        var tail = Tail(p.Style, bodyLength, random);
        drawing.Fill(tail, Colors.Shade(p.Body, 0.9f));
        var body = Shapes.Ellipse(0, 0, bodyLength * 0.4f, bodyLength);
        BirdParts.ShadedFill(drawing, body, p.Body);
        if (p.Belly is { } belly)
            drawing.Fill(Shapes.Clip(Shapes.Ellipse(0, bodyLength * 0.25f, bodyLength * 0.3f, bodyLength * 0.7f), body), belly);

        var headRadius = bodyLength * random.Range(0.34f, 0.42f);
        var head = new SKPoint(0, -bodyLength * 1.05f);
        var headPath = Shapes.Circle(head.X, head.Y, headRadius);
        BirdParts.ShadedFill(drawing, headPath, p.Head);
        // The head turned to one side shows one eye and the beak in profile.
        var look = random.Chance(0.5) ? -1 : 1;
        var beakDirection = look > 0 ? random.Range(-30, 10) : 180 - random.Range(-30, 10);
        var hooked = p.Style == Style.Raptor;
        BirdParts.Beak(drawing, head, headRadius, beakDirection, headRadius * (hooked ? 0.75f : 0.95f), headRadius * 0.55f, p.Beak, droop: hooked ? headRadius * 0.3f : 0);
        BirdParts.Eye(drawing, Shapes.Polar(head, beakDirection - 40 * look, headRadius * 0.45f), headRadius * 0.2f,
            iris: p.Style == Style.Raptor ? new SKColor(230, 180, 40) : null);
        return drawing;
    }

    private static SKPath WingOutline(Style style, float span, float chord)
    {
        var c = 24 * chord;
        var leading = new[] { new SKPoint(0, -c * 0.55f), new SKPoint(span * 0.3f, -c * 0.8f), new SKPoint(span * 0.62f, -c * 0.7f) };
        SKPoint[] tip = style switch
        {
            Style.Raptor =>
            [
                new(span * 0.85f, -c * 0.55f), new(span, -c * 0.5f), new(span * 0.93f, -c * 0.2f), new(span * 0.99f, -c * 0.05f),
                new(span * 0.9f, c * 0.1f), new(span * 0.95f, c * 0.3f), new(span * 0.84f, c * 0.35f), new(span * 0.86f, c * 0.6f), new(span * 0.74f, c * 0.6f),
            ],
            Style.Swallow => [new(span * 0.9f, -c * 0.3f), new(span, -c * 0.05f), new(span * 0.7f, c * 0.35f)],
            _ => [new(span * 0.88f, -c * 0.45f), new(span, -c * 0.2f), new(span * 0.8f, c * 0.35f)],
        };
        var trailing = new[] { new SKPoint(span * 0.5f, c * 0.8f), new SKPoint(span * 0.25f, c * 0.95f), new SKPoint(0, c * 0.75f) };
        return Shapes.SmoothClosed([.. leading, .. tip, .. trailing]);
    }

    private static SKPath Tail(Style style, float bodyLength, DeterministicRandom random)
    {
        var root = bodyLength * 0.7f;
        var length = bodyLength * random.Range(0.8f, 1.1f);
        return style switch
        {
            Style.Swallow => Shapes.Polygon(new SKPoint(-7, root), new SKPoint(-18, root + length * 1.4f), new SKPoint(0, root + length * 0.6f),
                new SKPoint(18, root + length * 1.4f), new SKPoint(7, root)),
            Style.Raptor => Shapes.SmoothClosed(new SKPoint(-8, root), new SKPoint(-20, root + length * 0.8f), new SKPoint(0, root + length),
                new SKPoint(20, root + length * 0.8f), new SKPoint(8, root)),
            _ => Shapes.SmoothClosed(new SKPoint(-9, root), new SKPoint(-14, root + length * 0.6f), new SKPoint(0, root + length * 0.7f),
                new SKPoint(14, root + length * 0.6f), new SKPoint(9, root)),
        };
    }

    private static Plumage PickPlumage(DeterministicRandom random)
    {
        switch (random.Int(0, 5))
        {
            case 0:
            case 1:
                var brown = Colors.Jitter(random, new SKColor(125, 85, 50), 10, 0.12f);
                return new Plumage(Style.Raptor, brown, Colors.Shade(brown, 1.35f), new SKColor(40, 32, 28), Colors.Shade(brown, random.Chance(0.4) ? 1.9f : 1.05f),
                    new SKColor(235, 190, 60), Bars: Colors.Shade(brown, 0.75f));
            case 2:
                return new Plumage(Style.Gull, new SKColor(245, 245, 245), Colors.Jitter(random, new SKColor(200, 205, 212), 5, 0.05f), new SKColor(25, 25, 28),
                    new SKColor(248, 248, 248), new SKColor(235, 195, 50));
            case 3:
                var black = Colors.Jitter(random, new SKColor(32, 32, 38), 10, 0.04f);
                return new Plumage(Style.Crow, black, Colors.Shade(black, 1.2f), Colors.Shade(black, 0.8f), black, new SKColor(30, 30, 30));
            default:
                var blue = Colors.Jitter(random, new SKColor(35, 50, 110));
                return new Plumage(Style.Swallow, blue, blue, Colors.Shade(blue, 0.8f), Colors.Jitter(random, new SKColor(185, 90, 50)), new SKColor(25, 25, 25),
                    Belly: new SKColor(240, 232, 220));
        }
    }
}
