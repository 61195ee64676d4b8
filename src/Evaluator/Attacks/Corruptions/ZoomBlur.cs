using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>
/// <c>zoom_blur</c>: the average of the image and its centre crops zoomed back to full size by the
/// factors <c>np.arange(1, 1.11, 0.01)</c>, which is 12 factors 1.00..1.11 (floating point makes
/// arange include 1.11). Each zoom is scipy's order-1 <c>zoom</c> (corner-aligned in scipy 1.x) of
/// the <c>ceil(224 / z)</c> centre crop, trimmed to 224; in float32 as the original.
/// </summary>
internal sealed class ZoomBlur : ICorruption
{
    private static readonly double[] Factors = [.. Enumerable.Range(0, 12).Select(i => 1 + i * 0.01)];

    public string Name => "zoom_blur";

    public Tensor Apply(Tensor bytes, RandomSource random)
    {
        using var scope = NewDisposeScope();
        var size = (int)bytes.shape[2];
        var x = (bytes / 255.0).to(ScalarType.Float32);
        var sum = zeros_like(x);
        foreach (var factor in Factors)
        {
            var zoom = new AxisOperator(ZoomMatrix(size, factor));
            var zoomed = zoom.Apply(zoom.Apply(x.to(ScalarType.Float64), columns: false), columns: true);
            sum.add_(zoomed.to(ScalarType.Float32));
        }
        var blurred = (x + sum) / (Factors.Length + 1);
        return ByteImages.TruncateUnit(blurred).to(ScalarType.Float64).MoveToOuterDisposeScope();
    }

    /// <summary>[size, size]: row o holds the linear-interpolation weights of output pixel o of one clipped zoom.</summary>
    internal static double[,] ZoomMatrix(int size, double factor)
    {
        var crop = (int)Math.Ceiling(size / factor);
        var top = (size - crop) / 2;
        var zoomedSize = (int)Math.Round(crop * factor, MidpointRounding.ToEven);
        var trim = (zoomedSize - size) / 2;
        var step = zoomedSize > 1 ? (crop - 1) / (double)(zoomedSize - 1) : 0;
        var matrix = new double[size, size];
        for (var output = 0; output < size; output++)
        {
            var source = (output + trim) * step;
            var lower = Math.Min((int)Math.Floor(source), crop - 1);
            var fraction = source - lower;
            matrix[output, top + lower] += 1 - fraction;
            if (fraction > 0)
                matrix[output, top + Math.Min(lower + 1, crop - 1)] += fraction;
        }
        return matrix;
    }
}
