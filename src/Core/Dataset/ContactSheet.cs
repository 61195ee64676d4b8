using System.Globalization;
using Contest.Core.Imaging;
using SkiaSharp;

namespace Contest.Core.Dataset;

/// <summary>
/// A labelled grid of a split's images as one PNG, for a person to look through: each thumbnail has
/// a border in its class colour and its id and label underneath.
/// </summary>
public static class ContactSheet
{
    private static readonly SKColor BicycleColor = new(40, 110, 220);
    private static readonly SKColor BirdColor = new(230, 120, 20);
    private static readonly SKColor Paper = new(248, 248, 246);
    private static readonly SKColor Ink = new(30, 30, 30);

    /// <summary>Renders a split's first images, half of each class when both have enough.</summary>
    /// <param name="reader">The copy.</param>
    /// <param name="split">The split to show.</param>
    /// <param name="limit">The most images to show (at least 1).</param>
    /// <param name="columns">Thumbnails per row.</param>
    /// <param name="thumbnailSize">Thumbnail width and height in pixels.</param>
    /// <returns>The PNG bytes.</returns>
    /// <exception cref="DatasetException">The split has no images.</exception>
    public static byte[] Render(DatasetReader reader, DatasetSplit split, int limit = 250, int columns = 10, int thumbnailSize = 128)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfLessThan(thumbnailSize, 32);
        var entries = reader.List(split);
        if (entries.Count == 0)
            throw new DatasetException($"{reader.SplitDirectory(split)} holds no images.");
        var shown = Pick(entries, limit);
        var bicycles = entries.Count(e => e.Label == ClassLabel.Bicycle);
        var title = string.Create(CultureInfo.InvariantCulture,
            $"{reader.Version} / {split.Name()}: {bicycles} bicycles, {entries.Count - bicycles} birds (showing {shown.Count})");
        return Draw(reader, shown, title, columns, thumbnailSize);
    }

    internal static List<DatasetEntry> Pick(IReadOnlyList<DatasetEntry> entries, int limit)
    {
        var bicycles = entries.Where(e => e.Label == ClassLabel.Bicycle).ToList();
        var birds = entries.Where(e => e.Label == ClassLabel.Bird).ToList();
        var takeBicycles = Math.Min(bicycles.Count, Math.Max(limit / 2, limit - birds.Count));
        var takeBirds = Math.Min(birds.Count, limit - takeBicycles);
        return [.. bicycles.Take(takeBicycles), .. birds.Take(takeBirds)];
    }

    private static byte[] Draw(DatasetReader reader, List<DatasetEntry> shown, string title, int columns, int thumbnailSize)
    {
        using var captions = new Labeller(MathF.Max(9, thumbnailSize / 11f));
        using var heading = new Labeller(18);
        const int Gap = 8;
        var border = Math.Max(2, thumbnailSize / 40);
        var cellWidth = Math.Max(thumbnailSize, (int)MathF.Ceiling(captions.Measure("0123456789abcdef"))) + Gap;
        var cellHeight = thumbnailSize + (int)MathF.Ceiling(captions.LineHeight * 2) + Gap;
        var columnsUsed = Math.Min(columns, shown.Count);
        var rows = (shown.Count + columns - 1) / columns;
        var top = (int)MathF.Ceiling(heading.LineHeight) + 2 * Gap;
        var width = Math.Max(columnsUsed * cellWidth + Gap, (int)heading.Measure(title) + 2 * Gap);

        using var surface = SKSurface.Create(new SKImageInfo(width, top + rows * cellHeight + Gap, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("SkiaSharp could not create a surface for the contact sheet.");
        var canvas = surface.Canvas;
        canvas.Clear(Paper);
        heading.Draw(canvas, title, Gap, Gap, Ink);
        using var frame = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = border };
        var sampling = new SKSamplingOptions(SKCubicResampler.Mitchell);
        for (var i = 0; i < shown.Count; i++)
        {
            var entry = shown[i];
            var x = Gap + i % columns * cellWidth;
            var y = top + i / columns * cellHeight;
            var color = entry.Label == ClassLabel.Bird ? BirdColor : BicycleColor;
            var target = SKRect.Create(x, y, thumbnailSize, thumbnailSize);
            using (var image = SKImage.FromEncodedData(reader.FullPath(entry)))
            {
                if (image is null)
                    captions.Draw(canvas, "(undecodable)", x + border * 2, y + thumbnailSize / 2f, Ink);
                else
                    canvas.DrawImage(image, target, sampling);
            }
            frame.Color = color;
            canvas.DrawRect(target, frame);
            captions.Draw(canvas, entry.Id, x, y + thumbnailSize + 2, Ink);
            captions.Draw(canvas, entry.Label.Name(), x, y + thumbnailSize + 2 + captions.LineHeight, color);
        }
        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
