using SkiaSharp;

namespace Contest.Core.Dataset.Synthetic.Birds;

/// <summary>An owl facing the viewer: big eyes in a facial disc, hooked beak, folded wings, talons.</summary>
internal static class Owl
{
    public static ObjectDrawing Create(DeterministicRandom random)
    {
        var drawing = new ObjectDrawing("owl");
        var (plumage, face, chest, iris) = random.Int(0, 4) switch
        {
            0 => (Colors.Jitter(random, new SKColor(130, 90, 55)), Colors.Jitter(random, new SKColor(200, 165, 120)), Colors.Jitter(random, new SKColor(190, 150, 105)), new SKColor(20, 18, 18)),
            1 => (Colors.Jitter(random, new SKColor(120, 118, 112)), Colors.Jitter(random, new SKColor(190, 188, 180)), Colors.Jitter(random, new SKColor(170, 168, 160)), new SKColor(240, 180, 40)),
            2 => (new SKColor(240, 240, 236), new SKColor(250, 250, 248), new SKColor(244, 244, 240), new SKColor(245, 200, 40)),
            _ => (Colors.Jitter(random, new SKColor(200, 160, 95)), new SKColor(245, 240, 230), new SKColor(245, 235, 215), new SKColor(25, 20, 20)),
        };
        var spots = plumage.Red > 220 ? new SKColor(40, 40, 40) : Colors.Shade(plumage, 0.55f);
        var lean = random.Range(-8, 8);
        var turn = random.Range(-7, 7);
        SKPoint P(float x, float y) => Shapes.Rotate(new SKPoint(x, y), lean);

        var talons = Colors.Jitter(random, new SKColor(215, 180, 70));
        foreach (var x in new[] { -10f, 10f })
        {
            var foot = P(x, 55);
            BirdParts.Leg(drawing, P(x, 46), foot, 3.2f, 7, talons);
        }
        if (random.Chance(0.5))
        {
            foreach (var x in new[] { -26f, 26f })
                drawing.Fill(Shapes.Polygon(P(x * 0.8f, -58), P(x, -82), P(x * 0.45f, -64)), Colors.Shade(plumage, 0.9f));
        }

        var body = Shapes.Ellipse(P(0, 8).X, P(0, 8).Y, 34, 47, lean);
        BirdParts.ShadedFill(drawing, body, plumage);
        var breast = Shapes.Clip(Shapes.Ellipse(P(0, 18).X, P(0, 18).Y, 23, 32, lean), body);
        drawing.Fill(breast, chest);
        drawing.Markings(breast,
            Enumerable.Range(0, 12).Select(i =>
            {
                var c = P(-15 + (i % 4) * 10 + (i / 4 % 2) * 5, -2 + (i / 4) * 14);
                return (c, new SKPoint(c.X + 1, c.Y + 5));
            }), spots, 2.4f);
        foreach (var side in new[] { -1f, 1f })
        {
            var wing = Shapes.Ellipse(P(side * 27, 16).X, P(side * 27, 16).Y, 11, 34, lean - side * 8);
            BirdParts.ShadedFill(drawing, wing, Colors.Shade(plumage, 0.85f));
            drawing.Markings(wing,
                Enumerable.Range(0, 5).Select(i => (P(side * 18, i * 12 - 10), P(side * 36, i * 12 - 6))), Colors.Shade(plumage, 1.3f), 2);
        }

        var headPath = Shapes.Ellipse(P(0, -42).X, P(0, -42).Y, 34, 29, lean);
        BirdParts.ShadedFill(drawing, headPath, plumage);
        foreach (var side in new[] { -1f, 1f })
        {
            var centre = P(side * 14 + turn, -42);
            drawing.Fill(Shapes.Circle(centre.X, centre.Y, 15), face);
            drawing.Stroke(Shapes.Circle(centre.X, centre.Y, 15), Colors.Shade(plumage, 0.75f), 1.5f);
            BirdParts.Eye(drawing, new SKPoint(centre.X + side * 1.5f, centre.Y - 1), 8, ring: new SKColor(30, 25, 22), iris: iris);
        }
        var beakTop = P(turn, -38);
        var beak = new SKPath();
        beak.MoveTo(beakTop.X - 4, beakTop.Y);
        beak.LineTo(beakTop.X + 4, beakTop.Y);
        beak.QuadTo(beakTop.X + 2, beakTop.Y + 10, beakTop.X, beakTop.Y + 13);
        beak.QuadTo(beakTop.X - 2, beakTop.Y + 8, beakTop.X - 4, beakTop.Y);
        drawing.Fill(beak, new SKColor(95, 90, 80));
        return drawing;
    }
}
