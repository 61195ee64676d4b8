using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>
/// <c>motion_blur</c> (radius 10, sigma 3, angle U(-45, 45) degrees): ImageMagick 6's
/// <c>MotionBlurImage</c>, which the package called through Wand on a lossless PNG. A one-sided
/// Gaussian of width 2*radius+1 = 21: output(x, y) = sum_i k_i * input(x + ox_i, y + oy_i) with
/// ox_i = ceil(i cos(angle) - 0.5), oy_i = ceil(i sin(angle) - 0.5), edges repeated (ImageMagick's
/// default virtual pixels), rounded through ImageMagick's 16-bit quantum back to 8 bits.
/// </summary>
internal sealed class MotionBlur : ICorruption
{
    private const double Radius = 10;
    private const double Sigma = 3;
    private const double MaxAngle = 45;
    private const int Width = 2 * (int)Radius + 1;

    private static readonly double[] Kernel = BuildKernel();

    public string Name => "motion_blur";

    public Tensor Apply(Tensor bytes, RandomSource random)
    {
        using var scope = NewDisposeScope();
        var (batch, channels, height, width) = (bytes.shape[0], bytes.shape[1], bytes.shape[2], bytes.shape[3]);
        var device = bytes.device;
        var angles = random.Uniform([batch], -MaxAngle, MaxAngle, ScalarType.Float64);
        // MagickCore: point = (width sin, width cos); offset_i = ceil(i * point / hypot(point) - 0.5).
        var radians = angles * (Math.PI / 180.0);
        var pointX = radians.sin() * Width;
        var pointY = radians.cos() * Width;
        var length = pointX.hypot(pointY);
        var rows = arange(height, ScalarType.Int64, device).reshape(1, height, 1);
        var columns = arange(width, ScalarType.Int64, device).reshape(1, 1, width);
        var flat = bytes.reshape(batch, channels, -1);
        var sum = zeros_like(flat);
        for (var i = 0; i < Width; i++)
        {
            var offsetX = (pointY * i / length - 0.5).ceil_().to(ScalarType.Int64).reshape(batch, 1, 1);
            var offsetY = (pointX * i / length - 0.5).ceil_().to(ScalarType.Int64).reshape(batch, 1, 1);
            var sourceRow = (rows + offsetY).clamp_(0, height - 1);
            var sourceColumn = (columns + offsetX).clamp_(0, width - 1);
            var index = (sourceRow * width + sourceColumn).reshape(batch, 1, -1).expand(batch, channels, -1);
            sum.add_(flat.gather(2, index) * (Kernel[i] * 257.0));
        }
        // ClampToQuantum rounds to a 16-bit quantum; the PNG writer scales that back to 8 bits.
        var quantum = sum.add_(0.5).floor_().clamp_(0, 65535);
        var shifted = quantum + 128;
        var result = (shifted - (shifted / 256).floor_()).div_(256).floor_();
        return result.reshape(batch, channels, height, width).MoveToOuterDisposeScope();
    }

    private static double[] BuildKernel()
    {
        var kernel = new double[Width];
        for (var i = 0; i < Width; i++)
            kernel[i] = Math.Exp(-(double)(i * i) / (2.0 * Sigma * Sigma)) / (Math.Sqrt(2 * Math.PI) * Sigma);
        var total = kernel.Sum();
        return [.. kernel.Select(k => k / total)];
    }
}
