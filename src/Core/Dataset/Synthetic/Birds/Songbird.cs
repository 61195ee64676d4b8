using SkiaSharp;

namespace Contest.Core.Dataset.Synthetic.Birds;

/// <summary>A perched songbird in profile: round body, short beak, folded wing, tail and thin legs.</summary>
internal static class Songbird
{
    private sealed record Plumage(SKColor Back, SKColor Breast, SKColor Head, SKColor Wing, SKColor Beak, SKColor Legs, SKColor? Cap = null, SKColor? Mask = null);

    public static ObjectDrawing Create(DeterministicRandom random)
    {
        var p = PickPlumage(random);
        var drawing = new ObjectDrawing("songbird");
        var tilt = random.Range(-38, -8);
        var rx = random.Range(34, 42);
        var ry = random.Range(24, 29);
        SKPoint Body(float x, float y) => Shapes.Rotate(new SKPoint(x, y), tilt);

        // Legs first: the body covers their tops.
        var legColor = p.Legs;
        var legLength = random.Range(14, 22);
        var hipA = Body(rx * 0.05f, ry * 0.85f);
        var hipB = Body(rx * 0.25f, ry * 0.8f);
        var footY = MathF.Max(hipA.Y, hipB.Y) + legLength;
        BirdParts.Leg(drawing, hipA, new SKPoint(hipA.X - 2, footY), 2.2f, 9, Colors.Shade(legColor, 0.8f));

        var tailAngle = tilt + 180 - random.Range(5, 40);
        var tailRoot = Body(-rx * 0.78f, ry * 0.05f);
        var tailLength = random.Range(36, 54);
        var tailEnd = Shapes.Polar(tailRoot, tailAngle, tailLength);
        var tail = Shapes.Polygon(
            Shapes.Polar(tailRoot, tailAngle - 90, 7), Shapes.Polar(tailEnd, tailAngle - 90, random.Range(7, 11)),
            Shapes.Polar(tailEnd, tailAngle + 90, random.Range(7, 11)), Shapes.Polar(tailRoot, tailAngle + 90, 7));
        drawing.Fill(tail, Colors.Shade(p.Wing, 0.85f));
        drawing.Markings(tail, [(tailRoot, tailEnd)], Colors.Shade(p.Wing, 0.6f), 1.2f);

        var body = Shapes.Ellipse(0, 0, rx, ry, tilt);
        BirdParts.ShadedFill(drawing, body, p.Back);
        var breast = Shapes.Clip(Shapes.Ellipse(Body(rx * 0.42f, ry * 0.45f).X, Body(rx * 0.42f, ry * 0.45f).Y, rx * 0.75f, ry * 0.75f, tilt), body);
        BirdParts.ShadedFill(drawing, breast, p.Breast);

        var wing = Shapes.SmoothClosed(
            Body(rx * 0.55f, -ry * 0.25f), Body(rx * 0.1f, -ry * 0.62f), Body(-rx * 0.6f, -ry * 0.45f),
            Body(-rx * 1.32f, ry * 0.1f), Body(-rx * 0.55f, ry * 0.38f), Body(rx * 0.2f, ry * 0.38f));
        BirdParts.ShadedFill(drawing, wing, p.Wing);
        drawing.Markings(wing,
            Enumerable.Range(0, 4).Select(i => (Body(-rx * (0.1f + 0.22f * i), -ry * 0.1f), Body(-rx * (0.45f + 0.25f * i), ry * 0.3f))),
            Colors.Shade(p.Wing, 1.35f), 1.3f);

        var headRadius = random.Range(17, 22);
        var head = Body(rx * 0.88f, -ry * 0.72f);
        head.Y -= random.Range(0, 6);
        drawing.Fill(Shapes.Taper(Body(rx * 0.5f, -ry * 0.2f), head, headRadius * 1.6f, headRadius * 1.6f), p.Back);
        var headPath = Shapes.Circle(head.X, head.Y, headRadius);
        BirdParts.ShadedFill(drawing, headPath, p.Head);
        if (p.Cap is { } cap)
            drawing.Fill(Shapes.Clip(Shapes.Circle(head.X - headRadius * 0.2f, head.Y - headRadius * 0.75f, headRadius * 0.85f), headPath), cap);

        var beakDirection = tilt * 0.3f + random.Range(-8, 22);
        var eye = Shapes.Polar(head, beakDirection - 38, headRadius * 0.42f);
        if (p.Mask is { } mask)
            drawing.Fill(Shapes.Clip(Shapes.Ellipse(eye.X + 4, eye.Y + 2, headRadius * 0.5f, headRadius * 0.4f), headPath), mask);
        BirdParts.Beak(drawing, head, headRadius, beakDirection, headRadius * random.Range(0.55f, 0.9f), headRadius * random.Range(0.45f, 0.7f), p.Beak);
        BirdParts.Eye(drawing, eye, headRadius * 0.17f, ring: random.Chance(0.3) ? Colors.Shade(p.Head, 1.5f) : null);

        BirdParts.Leg(drawing, hipB, new SKPoint(hipB.X + 2, footY), 2.2f, 9, legColor);
        return drawing;
    }

    private static Plumage PickPlumage(DeterministicRandom random)
    {
        var brown = Colors.Jitter(random, new SKColor(120, 90, 62));
        var grey = Colors.Jitter(random, new SKColor(110, 110, 118));
        var darkBeak = new SKColor(45, 40, 38);
        var pinkLegs = new SKColor(190, 140, 130);
        var darkLegs = new SKColor(70, 60, 55);
        return random.Int(0, 8) switch
        {
            0 => new Plumage(grey, Colors.Jitter(random, new SKColor(225, 110, 45)), Colors.Shade(grey, 0.7f), Colors.Shade(grey, 0.85f), new SKColor(230, 180, 50), darkLegs),
            1 => new Plumage(Colors.Jitter(random, new SKColor(60, 110, 200)), Colors.Jitter(random, new SKColor(205, 120, 70)), Colors.Jitter(random, new SKColor(55, 100, 195)), Colors.Jitter(random, new SKColor(45, 85, 180)), darkBeak, darkLegs),
            2 => new Plumage(Colors.Jitter(random, new SKColor(200, 30, 35)), Colors.Jitter(random, new SKColor(215, 45, 45)), Colors.Jitter(random, new SKColor(205, 35, 40)), Colors.Jitter(random, new SKColor(165, 25, 30)), new SKColor(235, 110, 60), pinkLegs, Mask: new SKColor(20, 15, 15)),
            3 => new Plumage(Colors.Jitter(random, new SKColor(235, 200, 40)), Colors.Jitter(random, new SKColor(245, 215, 60)), Colors.Jitter(random, new SKColor(240, 205, 45)), new SKColor(35, 32, 30), new SKColor(230, 150, 110), pinkLegs, Cap: new SKColor(25, 22, 20)),
            4 => new Plumage(brown, Colors.Jitter(random, new SKColor(205, 185, 155)), Colors.Jitter(random, new SKColor(130, 120, 110)), Colors.Shade(brown, 0.8f), darkBeak, pinkLegs, Cap: Colors.Shade(brown, 0.85f)),
            5 => new Plumage(new SKColor(28, 26, 26), new SKColor(38, 34, 34), new SKColor(30, 28, 28), new SKColor(22, 20, 20), new SKColor(240, 160, 30), darkLegs),
            6 => new Plumage(Colors.Jitter(random, new SKColor(110, 150, 90)), Colors.Jitter(random, new SKColor(240, 215, 70)), new SKColor(240, 240, 235), Colors.Jitter(random, new SKColor(70, 120, 190)), darkBeak, darkLegs, Cap: Colors.Jitter(random, new SKColor(50, 110, 210))),
            _ => AnyColour(random),
        };
    }

    private static Plumage AnyColour(DeterministicRandom random)
    {
        var back = Colors.Vivid(random);
        return new Plumage(back, Colors.Shade(Colors.Jitter(random, back, 40, 0.1f), 1.3f), back, Colors.Shade(back, 0.7f),
            random.Chance(0.5) ? new SKColor(240, 180, 60) : new SKColor(50, 45, 40), new SKColor(90, 75, 65));
    }
}
