namespace Contest.Core.Dataset;

/// <summary>An axis-aligned box in image pixels: left, top, width, height.</summary>
public readonly record struct BoundingBox(int X, int Y, int Width, int Height)
{
    /// <summary>The fraction of a square image of side <paramref name="imageSize"/> the box covers.</summary>
    public double Coverage(int imageSize = DatasetLayout.ImageSize) => (double)Width * Height / ((double)imageSize * imageSize);

    /// <summary>Whether the box lies wholly inside a square image (the object is not truncated).</summary>
    public bool IsInside(int imageSize = DatasetLayout.ImageSize) =>
        X >= 0 && Y >= 0 && Width > 0 && Height > 0 && X + Width <= imageSize && Y + Height <= imageSize;
}
