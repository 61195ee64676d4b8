using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>
/// A 1-D correlation with a border rule, written as a [size, size] matrix so that a separable 2-D
/// filter is two axis operations on the device. Exact for any kernel length, even one longer than
/// the image (the elastic transform's), where mirroring repeats.
/// </summary>
internal static class SeparableFilter
{
    /// <summary>The matrix M with (M x)[i] = sum_t kernel[t] * x[border(i + t - centre)].</summary>
    public static double[,] Matrix(int size, double[] kernel, BorderMode mode)
    {
        var centre = kernel.Length / 2;
        var matrix = new double[size, size];
        for (var i = 0; i < size; i++)
        for (var t = 0; t < kernel.Length; t++)
            matrix[i, Borders.Index(i + t - centre, size, mode)] += kernel[t];
        return matrix;
    }

    /// <summary>Filters the last two axes of <paramref name="images"/> (float64) with the same kernel along rows and columns.</summary>
    public static Tensor Apply(Tensor images, double[] kernel, BorderMode mode)
    {
        using var scope = NewDisposeScope();
        var height = (int)images.shape[^2];
        var width = (int)images.shape[^1];
        var rows = new AxisOperator(Matrix(height, kernel, mode)).Apply(images, columns: false);
        return new AxisOperator(Matrix(width, kernel, mode)).Apply(rows, columns: true).MoveToOuterDisposeScope();
    }
}
