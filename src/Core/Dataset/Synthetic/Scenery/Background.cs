using SkiaSharp;

namespace Contest.Core.Dataset.Synthetic.Scenery;

/// <summary>
/// Fills the frame with a scene drawn without knowing the class: sky over ground, water, a room, a
/// street, a forest, a studio backdrop or soft bokeh.
/// </summary>
internal static class Background
{
    public static Backdrop Draw(SKCanvas canvas, DeterministicRandom random, int size)
    {
        switch (random.Weighted([3f, 1.2f, 1.5f, 1f, 1f, 1f, 0.8f]))
        {
            case 0:
                return Landscape(canvas, random, size, Ground(random));
            case 1:
                return Water(canvas, random, size);
            case 2:
                return Room(canvas, random, size);
            case 3:
                return Street(canvas, random, size);
            case 4:
                return Forest(canvas, random, size);
            case 5:
                Gradient(canvas, size, Colors.Hsv(random.Range(0, 360), random.Range(0, 0.5f), random.Range(0.3f, 0.95f)),
                    Colors.Hsv(random.Range(0, 360), random.Range(0, 0.5f), random.Range(0.15f, 0.9f)), random.Range(0, 360));
                return new Backdrop(null, false);
            default:
                return Bokeh(canvas, random, size);
        }
    }

    private static SKColor Ground(DeterministicRandom random) => random.Int(0, 6) switch
    {
        0 => Colors.Hsv(random.Range(75, 130), random.Range(0.35f, 0.7f), random.Range(0.3f, 0.65f)),
        1 => Colors.Hsv(random.Range(38, 60), random.Range(0.35f, 0.6f), random.Range(0.5f, 0.8f)),
        2 => Colors.Hsv(random.Range(30, 45), random.Range(0.2f, 0.45f), random.Range(0.65f, 0.9f)),
        3 => Colors.Hsv(random.Range(20, 35), random.Range(0.3f, 0.6f), random.Range(0.25f, 0.5f)),
        4 => Colors.Grey(random.Range(0.25f, 0.55f)),
        _ => Colors.Hsv(random.Range(190, 220), random.Range(0, 0.08f), random.Range(0.85f, 0.98f)),
    };

    private static void Sky(SKCanvas canvas, DeterministicRandom random, int size, float horizon)
    {
        var (top, bottom) = random.Int(0, 5) switch
        {
            0 => (Colors.Hsv(random.Range(200, 225), random.Range(0.45f, 0.75f), random.Range(0.7f, 0.95f)), Colors.Hsv(random.Range(190, 210), random.Range(0.15f, 0.35f), random.Range(0.85f, 1f))),
            1 => (Colors.Grey(random.Range(0.55f, 0.8f)), Colors.Grey(random.Range(0.7f, 0.92f))),
            2 => (Colors.Hsv(random.Range(220, 280), random.Range(0.3f, 0.6f), random.Range(0.45f, 0.7f)), Colors.Hsv(random.Range(10, 40), random.Range(0.4f, 0.7f), random.Range(0.85f, 1f))),
            3 => (Colors.Hsv(random.Range(215, 235), random.Range(0.5f, 0.8f), random.Range(0.15f, 0.35f)), Colors.Hsv(random.Range(210, 240), random.Range(0.3f, 0.6f), random.Range(0.35f, 0.55f))),
            _ => (Colors.Hsv(random.Range(190, 215), random.Range(0.2f, 0.4f), random.Range(0.85f, 1f)), Colors.Hsv(random.Range(40, 60), random.Range(0.05f, 0.2f), random.Range(0.9f, 1f))),
        };
        using var paint = new SKPaint
        {
            Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, horizon), [top, bottom], SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(0, 0, size, horizon + 1, paint);
    }

    private static Backdrop Landscape(SKCanvas canvas, DeterministicRandom random, int size, SKColor ground)
    {
        var horizon = size * random.Range(0.25f, 0.7f);
        Sky(canvas, random, size, horizon);
        if (random.Chance(0.5))
        {
            // Distant hills along the horizon.
            using var hills = new SKPaint { Color = Colors.Mix(ground, Colors.Hsv(210, 0.2f, 0.7f), random.Range(0.3f, 0.7f)), IsAntialias = true };
            var points = Enumerable.Range(0, 7).Select(i => new SKPoint(i * size / 5f - size * 0.1f, horizon - random.Range(5, size * 0.15f))).ToList();
            using var path = Shapes.SmoothOpen([.. points]);
            path.LineTo(size * 1.2f, horizon + 2);
            path.LineTo(-size * 0.2f, horizon + 2);
            path.Close();
            canvas.DrawPath(path, hills);
        }
        FillBand(canvas, size, horizon, ground, Colors.Shade(ground, random.Range(0.6f, 0.9f)));
        Texture(canvas, random, size, horizon, ground);
        return new Backdrop(horizon, true);
    }

    private static Backdrop Water(SKCanvas canvas, DeterministicRandom random, int size)
    {
        var horizon = size * random.Range(0.2f, 0.6f);
        Sky(canvas, random, size, horizon);
        var water = Colors.Hsv(random.Range(180, 225), random.Range(0.3f, 0.75f), random.Range(0.35f, 0.75f));
        FillBand(canvas, size, horizon, Colors.Shade(water, 1.15f), Colors.Shade(water, 0.7f));
        using var shore = new SKPaint { Color = Colors.Hsv(random.Range(70, 140), random.Range(0.2f, 0.5f), random.Range(0.2f, 0.45f)) };
        canvas.DrawRect(0, horizon - random.Range(0, 8), size, random.Range(2, 6), shore);
        using var wave = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = 1.2f, IsAntialias = true, Color = Colors.WithAlpha(Colors.Shade(water, 1.5f), 0.5f) };
        for (var i = 0; i < 40; i++)
        {
            var y = random.Range(horizon + 4, size);
            var x = random.Range(-20, size);
            var length = random.Range(8, 40) * (y - horizon) / (size - horizon) + 4;
            canvas.DrawLine(x, y, x + length, y, wave);
        }
        return new Backdrop(horizon, true);
    }

    private static Backdrop Room(SKCanvas canvas, DeterministicRandom random, int size)
    {
        var floorLine = size * random.Range(0.45f, 0.8f);
        var wall = Colors.Hsv(random.Range(0, 360), random.Range(0, 0.45f), random.Range(0.45f, 0.95f));
        using (var wallPaint = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(size, floorLine), [Colors.Shade(wall, 1.08f), Colors.Shade(wall, 0.85f)], SKShaderTileMode.Clamp) })
            canvas.DrawRect(0, 0, size, floorLine, wallPaint);
        var floor = random.Chance(0.5) ? Colors.Hsv(random.Range(20, 40), random.Range(0.35f, 0.65f), random.Range(0.35f, 0.75f)) : Colors.Hsv(random.Range(0, 360), random.Range(0, 0.3f), random.Range(0.3f, 0.85f));
        FillBand(canvas, size, floorLine, floor, Colors.Shade(floor, 0.8f));
        using var line = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = 1, IsAntialias = true, Color = Colors.WithAlpha(Colors.Shade(floor, 0.6f), 0.6f) };
        var planks = random.Int(4, 12);
        for (var i = 1; i < planks; i++)
        {
            // Planks or tiles converging towards a vanishing point above the floor.
            var x = i * size / (float)planks;
            canvas.DrawLine(size / 2f + (x - size / 2f) * 0.4f, floorLine, x + (x - size / 2f) * 0.6f, size, line);
        }
        using var skirting = new SKPaint { Color = Colors.Shade(wall, 0.7f) };
        canvas.DrawRect(0, floorLine - 4, size, 4, skirting);
        return new Backdrop(floorLine, false);
    }

    private static Backdrop Street(SKCanvas canvas, DeterministicRandom random, int size)
    {
        var horizon = size * random.Range(0.4f, 0.7f);
        Sky(canvas, random, size, horizon);
        using var building = new SKPaint();
        using var window = new SKPaint();
        for (var x = random.Range(-30, 0); x < size;)
        {
            var width = random.Range(25, 70);
            var height = random.Range(30, horizon);
            building.Color = Colors.Hsv(random.Range(0, 60), random.Range(0.05f, 0.4f), random.Range(0.3f, 0.8f));
            canvas.DrawRect(x, horizon - height, width, height + 1, building);
            window.Color = Colors.WithAlpha(random.Chance(0.5) ? new SKColor(40, 50, 60) : new SKColor(240, 220, 150), 0.8f);
            for (var wy = horizon - height + 6; wy < horizon - 10; wy += 12)
            {
                for (var wx = x + 5; wx < x + width - 8; wx += 11)
                    canvas.DrawRect(wx, wy, 6, 7, window);
            }
            x += width + random.Range(0, 6);
        }
        var pavement = Colors.Grey(random.Range(0.3f, 0.65f));
        FillBand(canvas, size, horizon, pavement, Colors.Shade(pavement, 0.8f));
        using var kerb = new SKPaint { Color = Colors.Shade(pavement, 1.3f) };
        canvas.DrawRect(0, horizon + random.Range(10, size - horizon), size, 3, kerb);
        return new Backdrop(horizon, true);
    }

    private static Backdrop Forest(SKCanvas canvas, DeterministicRandom random, int size)
    {
        var green = Colors.Hsv(random.Range(80, 150), random.Range(0.3f, 0.7f), random.Range(0.2f, 0.55f));
        Gradient(canvas, size, Colors.Shade(green, 1.2f), Colors.Shade(green, 0.6f), 90);
        using var trunk = new SKPaint { IsAntialias = true };
        using var leaves = new SKPaint { IsAntialias = true };
        for (var i = 0; i < random.Int(4, 10); i++)
        {
            var x = random.Range(-10, size);
            var width = random.Range(4, 22);
            trunk.Color = Colors.Hsv(random.Range(15, 40), random.Range(0.2f, 0.5f), random.Range(0.15f, 0.45f));
            canvas.DrawRect(x, 0, width, size, trunk);
        }
        for (var i = 0; i < 12; i++)
        {
            leaves.Color = Colors.WithAlpha(Colors.Jitter(random, green, 20, 0.15f), 0.7f);
            canvas.DrawCircle(random.Range(0, size), random.Range(0, size * 0.5f), random.Range(15, 45), leaves);
        }
        var horizon = size * random.Range(0.6f, 0.85f);
        var floor = Colors.Hsv(random.Range(25, 100), random.Range(0.3f, 0.6f), random.Range(0.2f, 0.45f));
        FillBand(canvas, size, horizon, floor, Colors.Shade(floor, 0.8f));
        return new Backdrop(horizon, true);
    }

    private static Backdrop Bokeh(SKCanvas canvas, DeterministicRandom random, int size)
    {
        var hue = random.Range(0, 360);
        Gradient(canvas, size, Colors.Hsv(hue, random.Range(0.2f, 0.7f), random.Range(0.2f, 0.8f)), Colors.Hsv(hue + random.Range(-60, 60), random.Range(0.2f, 0.7f), random.Range(0.1f, 0.6f)), random.Range(0, 360));
        using var blob = new SKPaint { IsAntialias = true, MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, 6) };
        for (var i = 0; i < random.Int(6, 20); i++)
        {
            blob.Color = Colors.WithAlpha(Colors.Hsv(hue + random.Range(-90, 90), random.Range(0.1f, 0.7f), random.Range(0.5f, 1f)), random.Range(0.15f, 0.5f));
            canvas.DrawCircle(random.Range(0, size), random.Range(0, size), random.Range(8, 40), blob);
        }
        return new Backdrop(null, false);
    }

    private static void Texture(SKCanvas canvas, DeterministicRandom random, int size, float top, SKColor ground)
    {
        // Grass blades, pebbles or ripples: short strokes, darker and lighter than the ground.
        using var paint = new SKPaint { Style = SKPaintStyle.Stroke, IsAntialias = true, StrokeCap = SKStrokeCap.Round };
        var count = random.Int(30, 160);
        var vertical = random.Chance(0.5);
        for (var i = 0; i < count; i++)
        {
            var y = random.Range(top + 2, size);
            var depth = (y - top) / (size - top);
            var x = random.Range(0, size);
            paint.Color = Colors.WithAlpha(Colors.Shade(ground, random.Range(0.6f, 1.4f)), random.Range(0.3f, 0.8f));
            paint.StrokeWidth = 0.6f + depth * 1.4f;
            var length = 1.5f + depth * 7;
            if (vertical)
                canvas.DrawLine(x, y, x + random.Range(-2, 2), y - length, paint);
            else
                canvas.DrawLine(x, y, x + length, y, paint);
        }
    }

    private static void FillBand(SKCanvas canvas, int size, float top, SKColor near, SKColor far)
    {
        using var paint = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, top), new SKPoint(0, size), [near, far], SKShaderTileMode.Clamp) };
        canvas.DrawRect(0, top, size, size - top, paint);
    }

    private static void Gradient(SKCanvas canvas, int size, SKColor a, SKColor b, float degrees)
    {
        var r = degrees * MathF.PI / 180;
        var c = size / 2f;
        var dx = MathF.Cos(r) * c;
        var dy = MathF.Sin(r) * c;
        using var paint = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(c - dx, c - dy), new SKPoint(c + dx, c + dy), [a, b], SKShaderTileMode.Clamp) };
        canvas.DrawRect(0, 0, size, size, paint);
    }
}
