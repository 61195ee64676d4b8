using SkiaSharp;

namespace Contest.Core.Dataset.Synthetic;

/// <summary>
/// The main object of an image (a bird or a bicycle) as filled and stroked paths in its own
/// coordinates, drawn back to front. Keeping the parts lets the scene measure the exact bounding
/// box under any placement before anything is drawn.
/// </summary>
internal sealed class ObjectDrawing(string kind) : IDisposable
{
    private readonly List<Part> _parts = [];

    /// <summary>The body plan or bicycle type, recorded in the manifest ("songbird", "road", ...).</summary>
    public string Kind { get; } = kind;

    /// <summary>Fills a path with a colour, or with a shader in object coordinates.</summary>
    public void Fill(SKPath path, SKColor color, SKShader? shader = null) =>
        _parts.Add(new Part(path, color, shader, 0, SKStrokeCap.Round));

    /// <summary>Strokes a path with a width in object units.</summary>
    public void Stroke(SKPath path, SKColor color, float width, SKStrokeCap cap = SKStrokeCap.Round) =>
        _parts.Add(new Part(path, color, null, width, cap));

    /// <summary>Short strokes clipped to a shape: feather edges, bars, streaks, wickerwork.</summary>
    public void Markings(SKPath within, IEnumerable<(SKPoint A, SKPoint B)> lines, SKColor color, float width)
    {
        using var strokes = new SKPath();
        foreach (var (a, b) in lines)
        {
            strokes.MoveTo(a);
            strokes.LineTo(b);
        }
        using var paint = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = width, StrokeCap = SKStrokeCap.Round };
        using var filled = new SKPath();
        paint.GetFillPath(strokes, filled);
        Fill(Shapes.Clip(filled, within), color);
    }

    /// <summary>The tight box of everything drawn, in image pixels, under a placement.</summary>
    public SKRect Bounds(SKMatrix placement)
    {
        var bounds = SKRect.Empty;
        // One scratch path takes each transformed outline in turn: same points as a transformed copy, no copy per part.
        using var outline = new SKPath();
        foreach (var part in _parts)
        {
            part.Outline.Transform(placement, outline);
            var b = outline.TightBounds;
            bounds = bounds.IsEmpty ? b : SKRect.Union(bounds, b);
        }
        return bounds;
    }

    public void Draw(SKCanvas canvas, SKMatrix placement)
    {
        canvas.Save();
        canvas.Concat(in placement);
        using var paint = new SKPaint { IsAntialias = true };
        foreach (var part in _parts)
        {
            paint.Color = part.Color;
            paint.Shader = part.Shader;
            paint.Style = part.StrokeWidth > 0 ? SKPaintStyle.Stroke : SKPaintStyle.Fill;
            paint.StrokeWidth = part.StrokeWidth;
            paint.StrokeCap = part.Cap;
            paint.StrokeJoin = SKStrokeJoin.Round;
            canvas.DrawPath(part.Path, paint);
        }
        canvas.Restore();
    }

    public void Dispose()
    {
        foreach (var part in _parts)
            part.Dispose();
        _parts.Clear();
    }

    private sealed class Part(SKPath path, SKColor color, SKShader? shader, float strokeWidth, SKStrokeCap cap) : IDisposable
    {
        private SKPath? _outline;

        public SKPath Path { get; } = path;

        public SKColor Color { get; } = color;

        public SKShader? Shader { get; } = shader;

        public float StrokeWidth { get; } = strokeWidth;

        public SKStrokeCap Cap { get; } = cap;

        /// <summary>The area the part covers in object units: the path itself, or its stroke as a fill.</summary>
        public SKPath Outline => _outline ??= CreateOutline();

        public void Dispose()
        {
            Path.Dispose();
            Shader?.Dispose();
            _outline?.Dispose();
        }

        private SKPath CreateOutline()
        {
            if (StrokeWidth <= 0)
                return new SKPath(Path);
            using var paint = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = StrokeWidth, StrokeCap = Cap, StrokeJoin = SKStrokeJoin.Round };
            var outline = new SKPath();
            paint.GetFillPath(Path, outline);
            return outline;
        }
    }
}
