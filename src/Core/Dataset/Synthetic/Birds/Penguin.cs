using SkiaSharp;

namespace Contest.Core.Dataset.Synthetic.Birds;

/// <summary>An upright penguin in three-quarter view: dark back, white belly, flippers, orange feet.</summary>
internal static class Penguin
{
    public static ObjectDrawing Create(DeterministicRandom random)
    {
        var drawing = new ObjectDrawing("penguin");
        var back = Colors.Jitter(random, random.Chance(0.25) ? new SKColor(50, 70, 100) : new SKColor(28, 30, 36), 8, 0.05f);
        var belly = Colors.Jitter(random, new SKColor(242, 240, 232), 10, 0.04f);
        var feet = Colors.Jitter(random, random.Chance(0.5) ? new SKColor(235, 140, 60) : new SKColor(215, 150, 150));
        var lean = random.Range(-10, 10);
        var width = random.Range(0.85f, 1.15f);
        SKPoint P(float x, float y) => Shapes.Rotate(new SKPoint(x * width, y), lean);

        foreach (var x in new[] { -12f, 10f })
            BirdParts.WebbedFoot(drawing, P(x, 62), 12, random.Range(-15, 15), feet);

        var body = Shapes.SmoothClosed(
            P(0, -72), P(16, -66), P(22, -50), P(24, -32), P(33, 0), P(33, 34), P(22, 58), P(0, 66), P(-22, 58), P(-32, 34), P(-30, 0), P(-22, -40), P(-14, -64));
        BirdParts.ShadedFill(drawing, body, back);
        var front = Shapes.Clip(Shapes.SmoothClosed(
            P(14, -42), P(27, -20), P(30, 12), P(25, 42), P(12, 60), P(-8, 60), P(-14, 30), P(-8, 0), P(2, -30)), body);
        drawing.Fill(front, belly, SKShader.CreateLinearGradient(P(30, 0), P(-14, 0), [belly, Colors.Shade(belly, 0.8f)], SKShaderTileMode.Clamp));

        switch (random.Int(0, 3))
        {
            case 0:
                // Emperor or king: an orange patch at the throat and behind the head.
                var patch = Colors.Jitter(random, new SKColor(245, 170, 50));
                drawing.Fill(Shapes.Clip(Shapes.Ellipse(P(10, -36).X, P(10, -36).Y, 14, 9, lean - 30), body), patch);
                drawing.Fill(Shapes.Clip(Shapes.Ellipse(P(-2, -56).X, P(-2, -56).Y, 6, 4, lean + 40), body), patch);
                break;
            case 1:
                // Rockhopper: a yellow crest from the eye backwards.
                drawing.Stroke(Shapes.SmoothOpen(P(12, -60), P(0, -64), P(-14, -58), P(-22, -50)), new SKColor(245, 215, 40), 3.5f);
                break;
            default:
                break;
        }

        var flipper = Shapes.SmoothClosed(P(-8, -22), P(-2, -14), P(-14, 20), P(-24, 34), P(-20, 12), P(-16, -14));
        BirdParts.ShadedFill(drawing, flipper, Colors.Shade(back, 0.85f));

        var head = P(6, -56);
        var beakColor = random.Chance(0.5) ? new SKColor(30, 30, 30) : Colors.Jitter(random, new SKColor(225, 110, 50));
        BirdParts.Beak(drawing, head, 18, lean + random.Range(0, 15), random.Range(16, 24), 7, beakColor);
        BirdParts.Eye(drawing, P(12, -60), 2.6f, ring: random.Chance(0.4) ? SKColors.White : null);
        return drawing;
    }
}
