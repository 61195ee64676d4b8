namespace Contest.Core.Imaging;

/// <summary>An 8-bit RGB image, rows top to bottom, pixels interleaved R, G, B.</summary>
public sealed class RgbImage
{
    /// <summary>Wraps pixels; <paramref name="pixels"/> must hold width x height x 3 bytes.</summary>
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != width * height * 3)
            throw new ArgumentException($"expected {width * height * 3} bytes for {width}x{height} RGB, got {pixels.Length}.", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The pixels: (y * Width + x) * 3 + channel.</summary>
    public byte[] Pixels { get; }

    /// <summary>One channel value (0 = red, 1 = green, 2 = blue).</summary>
    public byte this[int x, int y, int channel] => Pixels[(y * Width + x) * 3 + channel];
}
