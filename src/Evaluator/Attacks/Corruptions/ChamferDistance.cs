using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>
/// OpenCV's <c>distanceTransform(src, DIST_L2, 5)</c>: the 5x5 chamfer distance to the nearest zero
/// pixel with weights 1, 1.4 and 2.1969 in OpenCV's 16-bit fixed point, capped at
/// <paramref name="cap"/>. Computed by relaxing all 16 mask moves at once; paths of cost up to the cap
/// need at most <c>cap</c> moves, so that many rounds give OpenCV's exact values below the cap.
/// </summary>
internal static class ChamferDistance
{
    private const double Straight = 65536;
    private const double Diagonal = 91750;
    private const double Knight = 143976;
    private const double Scale = 1.0 / 65536;
    private const double Far = 1e12;

    private static readonly (int Row, int Column, double Cost)[] Moves =
    [
        (-1, 0, Straight), (1, 0, Straight), (0, -1, Straight), (0, 1, Straight),
        (-1, -1, Diagonal), (-1, 1, Diagonal), (1, -1, Diagonal), (1, 1, Diagonal),
        (-1, -2, Knight), (-1, 2, Knight), (1, -2, Knight), (1, 2, Knight),
        (-2, -1, Knight), (-2, 1, Knight), (2, -1, Knight), (2, 1, Knight),
    ];

    /// <summary>[B,H,W] bool (true where the distance is zero) to [B,H,W] float32 distances, at most <paramref name="cap"/>.</summary>
    public static Tensor Compute(Tensor zero, int cap)
    {
        using var scope = NewDisposeScope();
        var (height, width) = (zero.shape[1], zero.shape[2]);
        var distance = where(zero, zeros(zero.shape, ScalarType.Float64, zero.device), full(zero.shape, Far, ScalarType.Float64, zero.device));
        for (var round = 0; round < cap; round++)
        {
            var padded = nn.functional.pad(distance, [2, 2, 2, 2], value: Far);
            var best = distance;
            foreach (var (row, column, cost) in Moves)
                best = minimum(best, padded.narrow(1, 2 + row, height).narrow(2, 2 + column, width) + cost);
            distance = best;
        }
        return distance.mul_(Scale).clamp_max_(cap).to(ScalarType.Float32).MoveToOuterDisposeScope();
    }
}
