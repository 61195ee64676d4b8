using SkiaSharp;

namespace Contest.Core.Dataset.Synthetic.Birds;

/// <summary>A long-legged wading bird in profile: heron, egret, stork or flamingo.</summary>
internal static class Wader
{
    private enum Style { Heron, Egret, Stork, Flamingo }

    public static ObjectDrawing Create(DeterministicRandom random)
    {
        var drawing = new ObjectDrawing("wading-bird");
        var style = (Style)random.Int(0, 4);
        var (body, neck, wing, beak, legs) = style switch
        {
            Style.Heron => (Colors.Jitter(random, new SKColor(130, 138, 150)), new SKColor(225, 225, 225), Colors.Jitter(random, new SKColor(95, 102, 115)), new SKColor(220, 190, 70), new SKColor(150, 130, 80)),
            Style.Egret => (new SKColor(246, 246, 244), new SKColor(248, 248, 246), new SKColor(236, 236, 232), new SKColor(230, 195, 40), new SKColor(35, 35, 35)),
            Style.Stork => (new SKColor(244, 244, 240), new SKColor(246, 246, 242), new SKColor(30, 30, 32), new SKColor(210, 60, 45), new SKColor(210, 70, 55)),
            _ => (Colors.Jitter(random, new SKColor(240, 130, 150), 10, 0.12f), Colors.Jitter(random, new SKColor(245, 150, 165), 10, 0.1f), Colors.Jitter(random, new SKColor(230, 90, 120), 10, 0.1f),
                new SKColor(240, 225, 215), Colors.Jitter(random, new SKColor(225, 120, 140))),
        };
        var tilt = random.Range(-12, 8);
        SKPoint B(float x, float y) => Shapes.Rotate(new SKPoint(x, y), tilt);

        var legLength = random.Range(70, 95);
        var hip = B(0, 8);
        var ground = hip.Y + legLength;
        var oneLegged = style == Style.Flamingo && random.Chance(0.6);
        // The far leg: straight down, or folded up like a "4" for a resting flamingo.
        if (oneLegged)
            drawing.Stroke(Shapes.Polyline(B(4, 10), new SKPoint(hip.X - 22, hip.Y + legLength * 0.45f), new SKPoint(hip.X + 2, hip.Y + legLength * 0.55f)), Colors.Shade(legs, 0.8f), 3);
        else
            LegWithKnee(drawing, new SKPoint(hip.X - 6, hip.Y), ground, legLength, Colors.Shade(legs, 0.8f), random.Range(-6, 6));
        LegWithKnee(drawing, hip, ground, legLength, legs, random.Range(-4, 8));

        var bodyPath = Shapes.SmoothClosed(B(36, -4), B(22, -16), B(-18, -18), B(-50, -6), B(-30, 10), B(12, 15));
        BirdParts.ShadedFill(drawing, bodyPath, body);
        var wingPath = Shapes.Clip(Shapes.SmoothClosed(B(22, -10), B(-16, -16), B(-54, -4), B(-24, 8), B(10, 6)), bodyPath);
        BirdParts.ShadedFill(drawing, wingPath, wing);

        // The neck: an S curve from the breast up to the head.
        var neckHeight = random.Range(45, 70);
        var lean = random.Range(0, 18);
        var neckBase = B(28, -8);
        var head = new SKPoint(neckBase.X + lean + 8, neckBase.Y - neckHeight);
        var neckPath = Shapes.SmoothOpen(neckBase, new SKPoint(neckBase.X + 12 + lean * 0.3f, neckBase.Y - neckHeight * 0.3f),
            new SKPoint(neckBase.X - 2 + lean * 0.6f, neckBase.Y - neckHeight * 0.65f), head);
        drawing.Stroke(neckPath, neck, style == Style.Flamingo ? 8 : 9);
        var headRadius = 8.5f;
        var headPath = Shapes.Ellipse(head.X + 2, head.Y, headRadius * 1.2f, headRadius);
        BirdParts.ShadedFill(drawing, headPath, neck);
        if (style == Style.Heron)
            drawing.Stroke(Shapes.SmoothOpen(new SKPoint(head.X, head.Y - 5), new SKPoint(head.X - 12, head.Y - 6), new SKPoint(head.X - 22, head.Y - 2)), new SKColor(30, 30, 35), 2.5f);

        if (style == Style.Flamingo)
        {
            // A flamingo's beak: thick, bent sharply down halfway, with a black tip.
            var x = head.X + 2;
            var flamingoBeak = Shapes.SmoothClosed(
                new SKPoint(x + 7, head.Y - 5), new SKPoint(x + 17, head.Y - 4), new SKPoint(x + 22, head.Y + 3), new SKPoint(x + 19, head.Y + 15),
                new SKPoint(x + 15, head.Y + 6), new SKPoint(x + 7, head.Y + 5));
            drawing.Fill(flamingoBeak, beak);
            drawing.Fill(Shapes.Clip(Shapes.Polygon(new SKPoint(x + 10, head.Y + 4), new SKPoint(x + 30, head.Y - 6), new SKPoint(x + 30, head.Y + 20), new SKPoint(x + 10, head.Y + 20)), flamingoBeak),
                new SKColor(25, 25, 25));
        }
        else
        {
            BirdParts.Beak(drawing, new SKPoint(head.X + 2, head.Y), headRadius, random.Range(-5, 30), random.Range(26, 38), 6, beak);
        }
        BirdParts.Eye(drawing, new SKPoint(head.X + 4, head.Y - 2), 2.2f, iris: new SKColor(235, 200, 60));
        return drawing;
    }

    private static void LegWithKnee(ObjectDrawing drawing, SKPoint hip, float ground, float length, SKColor color, float spread)
    {
        // The visible "knee" of a wading bird is its ankle: it bends backwards.
        var knee = new SKPoint(hip.X - 4 + spread * 0.3f, hip.Y + length * 0.48f);
        var foot = new SKPoint(hip.X + spread, ground);
        drawing.Stroke(Shapes.Polyline(hip, knee, foot), color, 3);
        var toes = new SKPath();
        foreach (var dx in new[] { -10f, 12f, 16f })
        {
            toes.MoveTo(foot);
            toes.LineTo(foot.X + dx, ground + (dx > 13 ? 2 : 0));
        }
        drawing.Stroke(toes, color, 2);
    }
}
