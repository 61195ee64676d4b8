using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Internal;

/// <summary>
/// <c>PIL.Image.resize</c> on 8-bit images, exact: Pillow's separable resampling with its
/// fixed-point coefficients (22 fractional bits), horizontal pass first, each pass rounded to
/// uint8. float64 keeps the integer sums exact on the device.
/// </summary>
internal static class PilResize
{
    private const int PrecisionBits = 32 - 8 - 2;
    private static readonly double Half = 1 << (PrecisionBits - 1);
    private static readonly double One = 1 << PrecisionBits;

    /// <summary>Resizes [N,C,H,W] whole-number float64 images to [N,C,height,width].</summary>
    public static Tensor Apply(Tensor bytes, int height, int width, PilFilter filter)
    {
        using var scope = NewDisposeScope();
        var result = bytes;
        if (width != bytes.shape[3])
            result = Round(new AxisOperator(Coefficients((int)bytes.shape[3], width, filter)).Apply(result, columns: true));
        if (height != bytes.shape[2])
            result = Round(new AxisOperator(Coefficients((int)bytes.shape[2], height, filter)).Apply(result, columns: false));
        return (ReferenceEquals(result, bytes) ? bytes.clone() : result).MoveToOuterDisposeScope();
    }

    /// <summary>Pillow's integer coefficients for one axis, [outSize, inSize].</summary>
    internal static double[,] Coefficients(int inSize, int outSize, PilFilter filter)
    {
        var scale = (double)inSize / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = (filter == PilFilter.Box ? 0.5 : 1.0) * filterScale;
        var inverseScale = 1.0 / filterScale;
        var coefficients = new double[outSize, inSize];
        var weights = new double[inSize];
        for (var output = 0; output < outSize; output++)
        {
            var centre = (output + 0.5) * scale;
            var first = Math.Max(0, (int)(centre - support + 0.5));
            var last = Math.Min(inSize, (int)(centre + support + 0.5));
            var total = 0.0;
            for (var x = first; x < last; x++)
            {
                weights[x] = Weight(filter, (x - centre + 0.5) * inverseScale);
                total += weights[x];
            }
            for (var x = first; x < last; x++)
            {
                var normalised = total != 0.0 ? weights[x] / total : weights[x];
                coefficients[output, x] = normalised < 0 ? (int)(-0.5 + normalised * One) : (int)(0.5 + normalised * One);
            }
        }
        return coefficients;
    }

    private static double Weight(PilFilter filter, double x) => filter switch
    {
        PilFilter.Box => x > -0.5 && x <= 0.5 ? 1.0 : 0.0,
        _ => Math.Abs(x) < 1.0 ? 1.0 - Math.Abs(x) : 0.0,
    };

    // Pillow adds half a unit, shifts right (floor) and clips to 0..255.
    private static Tensor Round(Tensor sums) => sums.add_(Half).div_(One).floor_().clamp_(0, 255);
}
