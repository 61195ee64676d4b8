using Contest.Evaluator.Attacks.Internal;
using TorchSharp;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>
/// <c>defocus_blur</c> (radius 3, alias blur 0.1): correlation with a normalised disk of radius 3
/// on a 17x17 grid, itself smoothed by OpenCV's 3x3 Gaussian with sigma 0.1; image borders mirrored
/// about the edge pixel (OpenCV's default).
/// </summary>
internal sealed class DefocusBlur : ICorruption
{
    private const int Radius = 3;
    private const double AliasBlur = 0.1;
    private const int GridRadius = 8;
    private const double SignificantWeight = 1e-12;

    private static readonly Lazy<double[,]> Disk = new(BuildKernel);

    public string Name => "defocus_blur";

    public Tensor Apply(Tensor bytes, RandomSource random)
    {
        using var scope = NewDisposeScope();
        var (height, width) = (bytes.shape[2], bytes.shape[3]);
        var padded = nn.functional.pad(bytes / 255.0, [GridRadius, GridRadius, GridRadius, GridRadius], PaddingModes.Reflect);
        var blurred = zeros_like(bytes);
        // Only the 29 disk taps matter: the alias blur leaves the others below 1e-20, under double precision.
        var kernel = Disk.Value;
        for (var y = 0; y < kernel.GetLength(0); y++)
        for (var x = 0; x < kernel.GetLength(1); x++)
        {
            if (kernel[y, x] > SignificantWeight)
                blurred.add_(padded.narrow(2, y, height).narrow(3, x, width), kernel[y, x]);
        }
        return ByteImages.TruncateUnit(blurred).MoveToOuterDisposeScope();
    }

    internal static double[,] BuildKernel()
    {
        var size = 2 * GridRadius + 1;
        var disk = new double[size, size];
        var inside = 0.0;
        for (var y = -GridRadius; y <= GridRadius; y++)
        for (var x = -GridRadius; x <= GridRadius; x++)
        {
            if (x * x + y * y > Radius * Radius)
                continue;
            disk[y + GridRadius, x + GridRadius] = 1;
            inside++;
        }
        // float32 in the original; normalising here and smoothing in double changes nothing at uint8 precision.
        var smoothing = new[] { Math.Exp(-1 / (2 * AliasBlur * AliasBlur)), 1.0, Math.Exp(-1 / (2 * AliasBlur * AliasBlur)) };
        var total = smoothing.Sum();
        for (var i = 0; i < 3; i++)
            smoothing[i] /= total;
        var rows = Smooth(disk, smoothing, alongRows: true);
        var result = Smooth(rows, smoothing, alongRows: false);
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
            result[y, x] /= inside;
        return result;
    }

    private static double[,] Smooth(double[,] image, double[] kernel, bool alongRows)
    {
        var size = image.GetLength(0);
        var result = new double[size, size];
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        for (var t = -1; t <= 1; t++)
        {
            result[y, x] += alongRows
                ? kernel[t + 1] * image[y, Borders.Index(x + t, size, BorderMode.Mirror)]
                : kernel[t + 1] * image[Borders.Index(y + t, size, BorderMode.Mirror), x];
        }
        return result;
    }
}
