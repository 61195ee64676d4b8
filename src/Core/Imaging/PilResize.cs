namespace Contest.Core.Imaging;

/// <summary>
/// PIL's <c>Image.resize(size, Image.BILINEAR)</c>, which torchvision's <c>Resize</c> calls on PIL
/// images, reproduced to the bit: a triangle filter whose support widens with the downscale factor
/// (so shrinking averages every input pixel, i.e. antialiases), weights normalised per output pixel
/// and rounded to 22-bit fixed point, a horizontal pass then a vertical pass, each rounded to 8 bits.
/// </summary>
public static class PilResize
{
    // 32 bits less 8 for the pixel value and 2 of headroom, as PIL uses for 8-bit images.
    private const int PrecisionBits = 32 - 8 - 2;

    /// <summary>Resizes to exactly width x height; the same size returns a copy.</summary>
    public static RgbImage Bilinear(RgbImage source, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var image = source;
        if (width != image.Width)
            image = Horizontal(image, width);
        if (height != image.Height)
            image = Vertical(image, height);
        return ReferenceEquals(image, source) ? new RgbImage(source.Width, source.Height, (byte[])source.Pixels.Clone()) : image;
    }

    /// <summary>
    /// torchvision's <c>Resize(size)</c> with an int: the shorter side becomes <paramref name="size"/>,
    /// the longer one <c>int(size * long / short)</c>; an image already that size is returned as is.
    /// </summary>
    public static RgbImage ResizeShorterSide(RgbImage source, int size)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (shorter, longer) = source.Width <= source.Height ? (source.Width, source.Height) : (source.Height, source.Width);
        if (shorter == size)
            return source;
        var newLonger = (int)((long)size * longer / shorter);
        return source.Width <= source.Height ? Bilinear(source, size, newLonger) : Bilinear(source, newLonger, size);
    }

    private static RgbImage Horizontal(RgbImage source, int width)
    {
        var (starts, counts, weights, kernel) = Coefficients(source.Width, width);
        var output = new byte[width * source.Height * 3];
        for (var y = 0; y < source.Height; y++)
        {
            var row = y * source.Width * 3;
            for (var x = 0; x < width; x++)
            {
                int r = 1 << (PrecisionBits - 1), g = r, b = r;
                for (var k = 0; k < counts[x]; k++)
                {
                    var w = weights[x * kernel + k];
                    var p = row + (starts[x] + k) * 3;
                    r += source.Pixels[p] * w;
                    g += source.Pixels[p + 1] * w;
                    b += source.Pixels[p + 2] * w;
                }
                var o = (y * width + x) * 3;
                output[o] = Clip8(r);
                output[o + 1] = Clip8(g);
                output[o + 2] = Clip8(b);
            }
        }
        return new RgbImage(width, source.Height, output);
    }

    private static RgbImage Vertical(RgbImage source, int height)
    {
        var (starts, counts, weights, kernel) = Coefficients(source.Height, height);
        var stride = source.Width * 3;
        var output = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            for (var i = 0; i < stride; i++)
            {
                var sum = 1 << (PrecisionBits - 1);
                for (var k = 0; k < counts[y]; k++)
                    sum += source.Pixels[(starts[y] + k) * stride + i] * weights[y * kernel + k];
                output[y * stride + i] = Clip8(sum);
            }
        }
        return new RgbImage(source.Width, height, output);
    }

    /// <summary>For each output index: the first input index, how many inputs, and their fixed-point weights.</summary>
    private static (int[] Starts, int[] Counts, int[] Weights, int Kernel) Coefficients(int inSize, int outSize)
    {
        var scale = (double)inSize / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = 1.0 * filterScale;
        var kernel = (int)Math.Ceiling(support) * 2 + 1;
        var starts = new int[outSize];
        var counts = new int[outSize];
        var weights = new int[outSize * kernel];
        var k = new double[kernel];
        for (var xx = 0; xx < outSize; xx++)
        {
            var centre = (xx + 0.5) * scale;
            // Truncation towards zero, then clamping, exactly as PIL computes the window.
            var min = Math.Max((int)(centre - support + 0.5), 0);
            var count = Math.Min((int)(centre + support + 0.5), inSize) - min;
            var total = 0.0;
            for (var x = 0; x < count; x++)
            {
                k[x] = Triangle((x + min - centre + 0.5) / filterScale);
                total += k[x];
            }
            for (var x = 0; x < count; x++)
            {
                var normalised = total != 0 ? k[x] / total : k[x];
                var scaled = normalised * (1 << PrecisionBits);
                weights[xx * kernel + x] = (int)(scaled >= 0 ? scaled + 0.5 : scaled - 0.5);
            }
            starts[xx] = min;
            counts[xx] = count;
        }
        return (starts, counts, weights, kernel);
    }

    private static double Triangle(double x)
    {
        x = Math.Abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    private static byte Clip8(int accumulated) => (byte)Math.Clamp(accumulated >> PrecisionBits, 0, 255);
}
