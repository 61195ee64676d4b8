using TorchSharp;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>
/// OpenCV's <c>Canny(image, low, high)</c> for 8-bit single-channel images (aperture 3, L1 gradient),
/// vectorised: 3x3 Sobel with repeated edges, non-maximum suppression along the gradient sector
/// (OpenCV's fixed-point tan 22.5 test and its strict/non-strict comparisons), then hysteresis by
/// growing the strong edges through 8-connected candidates until nothing changes.
/// </summary>
internal static class CannyEdges
{
    private const double Tan22 = 13573; // (int)(tan(22.5 deg) * 2^15 + 0.5)
    private const double Shift15 = 32768;
    private const double Shift16 = 65536;
    private const int GrowthChecks = 8;

    /// <summary>[B,H,W] whole-number float64 images to [B,H,W] bool edges.</summary>
    public static Tensor Detect(Tensor gray, double low, double high)
    {
        using var scope = NewDisposeScope();
        var (height, width) = (gray.shape[1], gray.shape[2]);
        var padded = nn.functional.pad(gray.unsqueeze(1), [1, 1, 1, 1], PaddingModes.Replicate);
        var sobelX = tensor(new double[] { -1, 0, 1, -2, 0, 2, -1, 0, 1 }, ScalarType.Float64, gray.device).reshape(1, 1, 3, 3);
        var dx = nn.functional.conv2d(padded, sobelX).squeeze(1);
        var dy = nn.functional.conv2d(padded, sobelX.transpose(2, 3)).squeeze(1);
        var magnitude = dx.abs() + dy.abs();

        var m = nn.functional.pad(magnitude, [1, 1, 1, 1]);
        Tensor At(int row, int column) => m.narrow(1, 1 + row, height).narrow(2, 1 + column, width);
        var centre = At(0, 0);
        var x = dx.abs();
        var y = dy.abs() * Shift15;
        var tan22 = x * Tan22;
        var tan67 = tan22 + x * Shift16;
        var horizontal = centre.gt(At(0, -1)).logical_and_(centre.ge(At(0, 1)));
        var vertical = centre.gt(At(-1, 0)).logical_and_(centre.ge(At(1, 0)));
        var sameSign = dx.lt(0).eq(dy.lt(0));
        var diagonal = where(sameSign,
            centre.gt(At(-1, -1)).logical_and_(centre.gt(At(1, 1))),
            centre.gt(At(-1, 1)).logical_and_(centre.gt(At(1, -1))));
        var maximal = where(y.lt(tan22), horizontal, where(y.gt(tan67), vertical, diagonal));
        var candidates = maximal.logical_and_(centre.gt(low));
        return Hysteresis(candidates, candidates.logical_and(centre.gt(high))).MoveToOuterDisposeScope();
    }

    private static Tensor Hysteresis(Tensor candidates, Tensor strong)
    {
        var edges = strong.to(ScalarType.Float32).unsqueeze(1);
        var allowed = candidates.to(ScalarType.Float32).unsqueeze(1);
        while (true)
        {
            var before = edges;
            for (var i = 0; i < GrowthChecks; i++)
                edges = nn.functional.max_pool2d(edges, 3, 1, 1).mul_(allowed);
            if (!edges.ne(before).any().item<bool>())
                return edges.squeeze(1).gt(0);
        }
    }
}
