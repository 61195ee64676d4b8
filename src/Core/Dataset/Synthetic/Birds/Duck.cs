using SkiaSharp;

namespace Contest.Core.Dataset.Synthetic.Birds;

/// <summary>A duck in profile, standing or sitting: boat-shaped body, round head, flat broad bill.</summary>
internal static class Duck
{
    private sealed record Plumage(SKColor Body, SKColor Head, SKColor Chest, SKColor Wing, SKColor Bill, SKColor Feet, SKColor? Ring = null, SKColor? Speculum = null);

    public static ObjectDrawing Create(DeterministicRandom random)
    {
        var p = PickPlumage(random);
        var drawing = new ObjectDrawing("duck");
        var tilt = random.Range(-8, 8);
        var length = random.Range(0.9f, 1.12f);
        SKPoint B(float x, float y) => Shapes.Rotate(new SKPoint(x * length, y), tilt);

        var standing = random.Chance(0.55);
        if (standing)
        {
            var legLength = random.Range(12, 18);
            foreach (var (x, shade) in new[] { (-4f, 0.8f), (10f, 1f) })
            {
                var hip = B(x, 22);
                var ankle = new SKPoint(hip.X, hip.Y + legLength);
                drawing.Stroke(Shapes.Line(hip, ankle), Colors.Shade(p.Feet, shade), 3.2f);
                BirdParts.WebbedFoot(drawing, ankle, 11, random.Range(0, 25), Colors.Shade(p.Feet, shade));
            }
        }

        var body = Shapes.SmoothClosed(
            B(-66, -18), B(-42, -9), B(0, -15), B(36, -12), B(56, 3), B(46, 22), B(0, 28), B(-40, 22), B(-60, 4));
        BirdParts.ShadedFill(drawing, body, p.Body);
        var chest = Shapes.Clip(Shapes.Ellipse(B(48, 4).X, B(48, 4).Y, 22, 26, tilt), body);
        BirdParts.ShadedFill(drawing, chest, p.Chest);
        var wing = Shapes.SmoothClosed(B(30, -6), B(0, -11), B(-36, -8), B(-56, -6), B(-32, 10), B(8, 12), B(26, 6));
        BirdParts.ShadedFill(drawing, wing, p.Wing);
        if (p.Speculum is { } speculum)
            drawing.Fill(Shapes.Clip(Shapes.Polygon(B(-14, -2), B(-30, -2), B(-28, 8), B(-12, 8)), wing), speculum);
        drawing.Markings(wing,
            Enumerable.Range(0, 4).Select(i => (B(-6 - i * 10, -6), B(-14 - i * 10, 8))), Colors.Shade(p.Wing, 0.7f), 1.2f);

        var headRadius = random.Range(14, 18);
        var head = B(50 + random.Range(-4, 6), -32 - random.Range(0, 8));
        var neckBase = B(38, -4);
        drawing.Fill(Shapes.Taper(neckBase, head, 26, headRadius * 1.5f), p.Head);
        if (p.Ring is { } ring)
        {
            // A collar across the neck, as wide as the neck where it sits.
            float Width(float t) => 26 + (headRadius * 1.5f - 26) * t;
            drawing.Fill(Shapes.Taper(Shapes.Lerp(neckBase, head, 0.5f), Shapes.Lerp(neckBase, head, 0.58f), Width(0.5f), Width(0.58f)), ring);
        }
        var headPath = Shapes.Ellipse(head.X, head.Y, headRadius * 1.1f, headRadius, tilt);
        BirdParts.ShadedFill(drawing, headPath, p.Head);

        var billDirection = tilt + random.Range(2, 16);
        var billBase = Shapes.Polar(head, billDirection, headRadius * 0.85f);
        var billLength = headRadius * random.Range(1.1f, 1.4f);
        var bill = Shapes.SmoothClosed(
            Shapes.Polar(billBase, billDirection - 90, headRadius * 0.36f),
            Shapes.Polar(Shapes.Polar(billBase, billDirection, billLength * 0.6f), billDirection - 90, headRadius * 0.22f),
            Shapes.Polar(billBase, billDirection, billLength),
            Shapes.Polar(Shapes.Polar(billBase, billDirection, billLength * 0.55f), billDirection + 90, headRadius * 0.2f),
            Shapes.Polar(billBase, billDirection + 90, headRadius * 0.32f));
        drawing.Fill(bill, p.Bill);
        drawing.Fill(Shapes.Circle(Shapes.Polar(billBase, billDirection, billLength * 0.9f).X, Shapes.Polar(billBase, billDirection, billLength * 0.9f).Y, headRadius * 0.12f), Colors.Shade(p.Bill, 0.6f));
        BirdParts.Eye(drawing, Shapes.Polar(head, billDirection - 40, headRadius * 0.45f), headRadius * 0.16f);
        return drawing;
    }

    private static Plumage PickPlumage(DeterministicRandom random)
    {
        var orange = Colors.Jitter(random, new SKColor(240, 150, 40));
        return random.Int(0, 6) switch
        {
            0 => new Plumage(Colors.Jitter(random, new SKColor(170, 165, 160)), Colors.Jitter(random, new SKColor(30, 110, 60)), Colors.Jitter(random, new SKColor(120, 70, 50)),
                Colors.Jitter(random, new SKColor(140, 130, 120)), new SKColor(210, 200, 70), orange, SKColors.White, new SKColor(60, 70, 190)),
            1 => new Plumage(Colors.Jitter(random, new SKColor(150, 115, 80)), Colors.Jitter(random, new SKColor(140, 108, 78)), Colors.Jitter(random, new SKColor(165, 130, 95)),
                Colors.Jitter(random, new SKColor(120, 90, 62)), new SKColor(200, 120, 50), orange, null, new SKColor(60, 70, 190)),
            2 => new Plumage(new SKColor(245, 245, 240), new SKColor(250, 250, 248), new SKColor(240, 240, 235), new SKColor(228, 228, 222), orange, orange),
            3 => new Plumage(Colors.Jitter(random, new SKColor(45, 45, 50)), Colors.Jitter(random, new SKColor(40, 40, 45)), Colors.Jitter(random, new SKColor(60, 60, 66)),
                Colors.Jitter(random, new SKColor(35, 35, 40)), new SKColor(225, 190, 60), orange),
            4 => new Plumage(Colors.Jitter(random, new SKColor(235, 225, 200)), Colors.Jitter(random, new SKColor(180, 60, 30)), Colors.Jitter(random, new SKColor(120, 60, 100)),
                Colors.Jitter(random, new SKColor(160, 110, 70)), new SKColor(220, 60, 50), orange, null, new SKColor(40, 120, 140)),
            _ => RandomPlumage(random, orange),
        };
    }

    private static Plumage RandomPlumage(DeterministicRandom random, SKColor feet)
    {
        var body = Colors.Vivid(random);
        var head = Colors.Jitter(random, body, 60, 0.15f);
        return new Plumage(body, head, Colors.Shade(body, 1.2f), Colors.Shade(body, 0.75f), random.Chance(0.5) ? new SKColor(230, 180, 50) : new SKColor(70, 70, 60), feet);
    }
}
