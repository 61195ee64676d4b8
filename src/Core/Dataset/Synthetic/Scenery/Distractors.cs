using SkiaSharp;

namespace Contest.Core.Dataset.Synthetic.Scenery;

/// <summary>
/// Small things that are neither class (trees, bushes, rocks, balls, houses, lamp posts, cones, crates,
/// signs, flowers, clouds, a fence), drawn behind the main object and mostly beside it, in the same
/// numbers whatever the class.
/// </summary>
internal static class Distractors
{
    private delegate void Painter(SKCanvas canvas, DeterministicRandom random, SKRect box);

    private static readonly (Painter Paint, float Aspect, bool Standing)[] Kinds =
    [
        (Tree, 0.7f, true), (Bush, 1.6f, true), (Rock, 1.5f, true), (Ball, 1f, true), (House, 1.1f, true), (LampPost, 0.18f, true),
        (Cone, 0.6f, true), (Crate, 1.1f, true), (Sign, 0.5f, true), (Flowers, 1f, true), (Cloud, 2f, false),
    ];

    public static void Draw(SKCanvas canvas, DeterministicRandom random, int size, Backdrop backdrop, SKRect avoid)
    {
        if (backdrop.Horizon is { } fenceLine && random.Chance(0.15))
            Fence(canvas, random, size, fenceLine + random.Range(5, 40));
        var count = random.Weighted([1.2f, 1.5f, 1.3f, 1f, 0.6f]);
        for (var i = 0; i < count; i++)
        {
            var (paint, aspect, standing) = Kinds[random.Int(0, Kinds.Length)];
            if (!standing && backdrop is not { Outdoor: true, Horizon: > 40 })
                continue;
            for (var attempt = 0; attempt < 8; attempt++)
            {
                var height = random.Range(22, size * 0.32f);
                var width = height * aspect;
                var x = random.Range(-width * 0.3f, size - width * 0.7f);
                var bottom = standing
                    ? random.Range(backdrop.Horizon ?? height, size + height * 0.1f)
                    : random.Range(height, backdrop.Horizon!.Value);
                var box = new SKRect(x, bottom - height, x + width, bottom);
                var overlap = SKRect.Intersect(box, avoid);
                if (!overlap.IsEmpty && overlap.Width * overlap.Height > 0.25f * width * height)
                    continue;
                paint(canvas, random, box);
                break;
            }
        }
    }

    private static SKPaint Fill(SKColor color) => new() { Color = color, IsAntialias = true };

    private static void Tree(SKCanvas canvas, DeterministicRandom random, SKRect box)
    {
        using var trunk = Fill(Colors.Hsv(random.Range(15, 35), random.Range(0.3f, 0.6f), random.Range(0.2f, 0.4f)));
        canvas.DrawRect(box.MidX - box.Width * 0.07f, box.Top + box.Height * 0.45f, box.Width * 0.14f, box.Height * 0.55f, trunk);
        var green = Colors.Hsv(random.Range(70, 150), random.Range(0.35f, 0.75f), random.Range(0.25f, 0.6f));
        using var leaves = Fill(green);
        if (random.Chance(0.4))
        {
            using var cone = Shapes.Polygon(new SKPoint(box.MidX, box.Top), new SKPoint(box.Right, box.Top + box.Height * 0.8f), new SKPoint(box.Left, box.Top + box.Height * 0.8f));
            canvas.DrawPath(cone, leaves);
            return;
        }
        for (var i = 0; i < 5; i++)
        {
            leaves.Color = Colors.Shade(green, random.Range(0.8f, 1.15f));
            canvas.DrawCircle(box.MidX + random.Range(-0.28f, 0.28f) * box.Width, box.Top + random.Range(0.2f, 0.45f) * box.Height, box.Width * random.Range(0.22f, 0.34f), leaves);
        }
    }

    private static void Bush(SKCanvas canvas, DeterministicRandom random, SKRect box)
    {
        var green = Colors.Hsv(random.Range(70, 150), random.Range(0.3f, 0.7f), random.Range(0.25f, 0.55f));
        using var paint = Fill(green);
        for (var i = 0; i < 6; i++)
        {
            paint.Color = Colors.Shade(green, random.Range(0.8f, 1.2f));
            var r = box.Height * random.Range(0.3f, 0.5f);
            canvas.DrawCircle(box.Left + random.Range(0.2f, 0.8f) * box.Width, box.Bottom - r * random.Range(0.8f, 1.2f), r, paint);
        }
    }

    private static void Rock(SKCanvas canvas, DeterministicRandom random, SKRect box)
    {
        var grey = Colors.Hsv(random.Range(20, 50), random.Range(0, 0.2f), random.Range(0.35f, 0.7f));
        using var paint = new SKPaint
        {
            IsAntialias = true,
            Shader = SKShader.CreateLinearGradient(new SKPoint(box.Left, box.Top), new SKPoint(box.Right, box.Bottom), [Colors.Shade(grey, 1.2f), Colors.Shade(grey, 0.7f)], SKShaderTileMode.Clamp),
        };
        using var path = Shapes.SmoothClosed(
            new SKPoint(box.Left, box.Bottom), new SKPoint(box.Left + box.Width * 0.1f, box.Top + box.Height * random.Range(0.2f, 0.5f)),
            new SKPoint(box.MidX, box.Top), new SKPoint(box.Right - box.Width * 0.1f, box.Top + box.Height * random.Range(0.2f, 0.5f)), new SKPoint(box.Right, box.Bottom));
        canvas.DrawPath(path, paint);
    }

    private static void Ball(SKCanvas canvas, DeterministicRandom random, SKRect box)
    {
        var r = MathF.Min(box.Width, box.Height) * random.Range(0.25f, 0.5f);
        var c = new SKPoint(box.MidX, box.Bottom - r);
        var color = Colors.Vivid(random);
        using var paint = new SKPaint
        {
            IsAntialias = true,
            Shader = SKShader.CreateRadialGradient(new SKPoint(c.X - r * 0.35f, c.Y - r * 0.35f), r * 1.4f, [Colors.Shade(color, 1.4f), color, Colors.Shade(color, 0.5f)], SKShaderTileMode.Clamp),
        };
        canvas.DrawCircle(c, r, paint);
        using var seam = new SKPaint { Style = SKPaintStyle.Stroke, IsAntialias = true, StrokeWidth = MathF.Max(1, r * 0.08f), Color = random.Chance(0.5) ? SKColors.White : new SKColor(30, 30, 30) };
        canvas.DrawArc(new SKRect(c.X - r * 0.5f, c.Y - r, c.X + r * 0.5f, c.Y + r), 0, 360, false, seam);
    }

    private static void House(SKCanvas canvas, DeterministicRandom random, SKRect box)
    {
        var wallTop = box.Top + box.Height * 0.4f;
        using var wall = Fill(Colors.Hsv(random.Range(0, 60), random.Range(0.05f, 0.5f), random.Range(0.5f, 0.95f)));
        canvas.DrawRect(box.Left, wallTop, box.Width, box.Bottom - wallTop, wall);
        using var roof = Fill(Colors.Hsv(random.Range(0, 30), random.Range(0.3f, 0.7f), random.Range(0.25f, 0.6f)));
        using var roofPath = Shapes.Polygon(new SKPoint(box.Left - box.Width * 0.08f, wallTop), new SKPoint(box.MidX, box.Top), new SKPoint(box.Right + box.Width * 0.08f, wallTop));
        canvas.DrawPath(roofPath, roof);
        using var door = Fill(Colors.Hsv(random.Range(0, 360), random.Range(0.2f, 0.6f), random.Range(0.2f, 0.5f)));
        canvas.DrawRect(box.MidX - box.Width * 0.1f, box.Bottom - box.Height * 0.3f, box.Width * 0.2f, box.Height * 0.3f, door);
        using var window = Fill(new SKColor(170, 200, 225));
        canvas.DrawRect(box.Left + box.Width * 0.1f, wallTop + box.Height * 0.12f, box.Width * 0.2f, box.Height * 0.15f, window);
        canvas.DrawRect(box.Right - box.Width * 0.3f, wallTop + box.Height * 0.12f, box.Width * 0.2f, box.Height * 0.15f, window);
    }

    private static void LampPost(SKCanvas canvas, DeterministicRandom random, SKRect box)
    {
        using var pole = Fill(Colors.Grey(random.Range(0.1f, 0.4f)));
        var w = MathF.Max(2, box.Width * 0.25f);
        canvas.DrawRect(box.MidX - w / 2, box.Top + box.Height * 0.08f, w, box.Height * 0.92f, pole);
        canvas.DrawRect(box.MidX - box.Width * 0.5f, box.Top, box.Width, box.Height * 0.1f, pole);
        using var light = Fill(new SKColor(250, 235, 170));
        canvas.DrawRect(box.MidX - box.Width * 0.35f, box.Top + box.Height * 0.1f, box.Width * 0.7f, box.Height * 0.05f, light);
    }

    private static void Cone(SKCanvas canvas, DeterministicRandom random, SKRect box)
    {
        using var body = Fill(Colors.Hsv(random.Range(10, 30), 0.9f, 0.95f));
        using var path = Shapes.Polygon(new SKPoint(box.MidX - box.Width * 0.1f, box.Top), new SKPoint(box.MidX + box.Width * 0.1f, box.Top),
            new SKPoint(box.Right - box.Width * 0.1f, box.Bottom - box.Height * 0.08f), new SKPoint(box.Left + box.Width * 0.1f, box.Bottom - box.Height * 0.08f));
        canvas.DrawPath(path, body);
        using var stripe = Fill(new SKColor(245, 245, 245));
        canvas.DrawRect(box.Left + box.Width * 0.28f, box.Top + box.Height * 0.4f, box.Width * 0.44f, box.Height * 0.12f, stripe);
        canvas.DrawRect(box.Left, box.Bottom - box.Height * 0.08f, box.Width, box.Height * 0.08f, body);
    }

    private static void Crate(SKCanvas canvas, DeterministicRandom random, SKRect box)
    {
        var wood = Colors.Hsv(random.Range(25, 40), random.Range(0.3f, 0.6f), random.Range(0.4f, 0.75f));
        using var paint = Fill(wood);
        var top = box.Bottom - box.Width * 0.9f;
        canvas.DrawRect(box.Left, top, box.Width, box.Bottom - top, paint);
        using var slat = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = MathF.Max(1, box.Width * 0.05f), Color = Colors.Shade(wood, 0.65f), IsAntialias = true };
        canvas.DrawRect(box.Left, top, box.Width, box.Bottom - top, slat);
        canvas.DrawLine(box.Left, top, box.Right, box.Bottom, slat);
    }

    private static void Sign(SKCanvas canvas, DeterministicRandom random, SKRect box)
    {
        using var pole = Fill(Colors.Grey(0.55f));
        canvas.DrawRect(box.MidX - box.Width * 0.06f, box.Top + box.Width * 0.5f, box.Width * 0.12f, box.Height - box.Width * 0.5f, pole);
        using var plate = Fill(random.Pick<SKColor>([new SKColor(200, 30, 30), new SKColor(30, 90, 190), new SKColor(240, 200, 30), new SKColor(30, 140, 70)]));
        if (random.Chance(0.5))
            canvas.DrawCircle(box.MidX, box.Top + box.Width * 0.5f, box.Width * 0.5f, plate);
        else
            canvas.DrawRect(box.Left, box.Top, box.Width, box.Width, plate);
        using var mark = Fill(SKColors.White);
        canvas.DrawRect(box.Left + box.Width * 0.2f, box.Top + box.Width * 0.42f, box.Width * 0.6f, box.Width * 0.16f, mark);
    }

    private static void Flowers(SKCanvas canvas, DeterministicRandom random, SKRect box)
    {
        using var stem = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f, Color = Colors.Hsv(110, 0.6f, 0.45f), IsAntialias = true };
        using var petal = Fill(Colors.Vivid(random));
        using var centre = Fill(new SKColor(240, 200, 40));
        for (var i = 0; i < random.Int(3, 7); i++)
        {
            var x = box.Left + random.Range(0.1f, 0.9f) * box.Width;
            var y = box.Top + random.Range(0.05f, 0.5f) * box.Height;
            canvas.DrawLine(x, y, x + random.Range(-3, 3), box.Bottom, stem);
            var r = box.Width * 0.07f;
            for (var k = 0; k < 5; k++)
                canvas.DrawCircle(Shapes.Polar(new SKPoint(x, y), k * 72, r), r * 0.8f, petal);
            canvas.DrawCircle(x, y, r * 0.6f, centre);
        }
    }

    private static void Cloud(SKCanvas canvas, DeterministicRandom random, SKRect box)
    {
        using var paint = Fill(Colors.WithAlpha(Colors.Grey(random.Range(0.85f, 1f)), random.Range(0.6f, 0.95f)));
        for (var i = 0; i < 5; i++)
            canvas.DrawCircle(box.Left + box.Width * (0.2f + i * 0.15f), box.MidY + random.Range(-0.2f, 0.2f) * box.Height, box.Height * random.Range(0.3f, 0.5f), paint);
    }

    private static void Fence(SKCanvas canvas, DeterministicRandom random, int size, float bottom)
    {
        var height = random.Range(20, 50);
        var wood = random.Chance(0.5) ? Colors.Hsv(random.Range(20, 40), random.Range(0.3f, 0.6f), random.Range(0.35f, 0.7f)) : Colors.Grey(random.Range(0.6f, 0.95f));
        using var paint = Fill(wood);
        var gap = random.Range(12, 30);
        for (var x = random.Range(-10, 0); x < size; x += gap)
            canvas.DrawRect(x, bottom - height, gap * 0.3f, height, paint);
        canvas.DrawRect(0, bottom - height * 0.8f, size, 3, paint);
        canvas.DrawRect(0, bottom - height * 0.35f, size, 3, paint);
    }
}
