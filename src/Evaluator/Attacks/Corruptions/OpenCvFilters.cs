using TorchSharp;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>The small OpenCV filters the spatter corruption chains, with OpenCV's default border (mirror about the edge pixel).</summary>
internal static class OpenCvFilters
{
    /// <summary><c>cv2.blur(x, (3,3))</c> on [B,H,W] values: the 3x3 mean, in float64.</summary>
    public static Tensor BoxMean(Tensor images)
    {
        using var scope = NewDisposeScope();
        var kernel = ones(1, 1, 3, 3, ScalarType.Float64, images.device);
        return (Correlate(images, kernel) * (1.0 / 9)).MoveToOuterDisposeScope();
    }

    /// <summary><c>cv2.filter2D(x, -1, kernel)</c> on [B,H,W] values with a 3x3 kernel (correlation, not convolution).</summary>
    public static Tensor Correlate3x3(Tensor images, double[] kernel)
    {
        using var scope = NewDisposeScope();
        var weights = tensor(kernel, ScalarType.Float64, images.device).reshape(1, 1, 3, 3);
        return Correlate(images, weights).MoveToOuterDisposeScope();
    }

    private static Tensor Correlate(Tensor images, Tensor kernel)
    {
        var padded = nn.functional.pad(images.to(ScalarType.Float64).unsqueeze(1), [1, 1, 1, 1], PaddingModes.Reflect);
        return nn.functional.conv2d(padded, kernel).squeeze(1);
    }
}
