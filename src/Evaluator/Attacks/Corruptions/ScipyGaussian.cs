using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>
/// <c>skimage.filters.gaussian</c> as the corruptions call it: scipy's <c>gaussian_filter</c> over the
/// two image axes (never across colour channels), radius <c>int(truncate * sigma + 0.5)</c>.
/// </summary>
internal static class ScipyGaussian
{
    /// <summary>Blurs the last two axes of a float64 tensor.</summary>
    public static Tensor Blur(Tensor images, double sigma, BorderMode mode, double truncate = 4.0) =>
        SeparableFilter.Apply(images, Kernel(sigma, truncate), mode);

    /// <summary>scipy 1.x's normalised 1-D Gaussian weights, in its order of operations.</summary>
    public static double[] Kernel(double sigma, double truncate)
    {
        var radius = (int)(truncate * sigma + 0.5);
        var weights = new double[2 * radius + 1];
        var variance = sigma * sigma;
        weights[radius] = 1.0;
        var sum = 1.0;
        for (var i = 1; i <= radius; i++)
        {
            var value = Math.Exp(-0.5 * (i * i) / variance);
            weights[radius + i] = value;
            weights[radius - i] = value;
            sum += 2.0 * value;
        }
        for (var i = 0; i < weights.Length; i++)
            weights[i] /= sum;
        return weights;
    }
}
