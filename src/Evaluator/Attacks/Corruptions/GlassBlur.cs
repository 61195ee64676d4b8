using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>
/// <c>glass_blur</c> (sigma 0.7, offset 1, 2 rounds): blur, cut to uint8, locally shuffle pixels,
/// blur again. The package's "swap" <c>x[h,w], x[h',w'] = x[h',w'], x[h,w]</c> runs on numpy views,
/// so it only copies x[h',w'] into x[h,w]; and because it walks from the bottom-right corner with
/// offsets in {-1, 0}, every copy reads a pixel not yet written in that round. A round is therefore
/// exactly one parallel gather over rows and columns 2..223.
/// </summary>
internal sealed class GlassBlur : ICorruption
{
    private const double Sigma = 0.7;
    private const int MaxDelta = 1;
    private const int Rounds = 2;

    public string Name => "glass_blur";

    public Tensor Apply(Tensor bytes, RandomSource random)
    {
        using var scope = NewDisposeScope();
        var (batch, channels, height, width) = (bytes.shape[0], bytes.shape[1], bytes.shape[2], bytes.shape[3]);
        var x = ByteImages.TruncateUnit(ScipyGaussian.Blur(bytes / 255.0, Sigma, BorderMode.Nearest));
        var rows = arange(height, ScalarType.Int64, bytes.device).reshape(1, height, 1);
        var columns = arange(width, ScalarType.Int64, bytes.device).reshape(1, 1, width);
        // np.random.randint(-1, 1) draws from {-1, 0}; only rows/columns in range(224 - 1, 1, -1) move.
        var movable = rows.ge(MaxDelta + 1).logical_and(columns.ge(MaxDelta + 1));
        for (var round = 0; round < Rounds; round++)
        {
            var dx = random.Integers([batch, height, width], -MaxDelta, MaxDelta);
            var dy = random.Integers([batch, height, width], -MaxDelta, MaxDelta);
            var sourceRow = where(movable, rows + dy, rows.expand(batch, height, width));
            var sourceColumn = where(movable, columns + dx, columns.expand(batch, height, width));
            var index = (sourceRow * width + sourceColumn).reshape(batch, 1, -1).expand(batch, channels, -1);
            x = x.reshape(batch, channels, -1).gather(2, index).reshape(batch, channels, height, width);
        }
        var blurred = ScipyGaussian.Blur(x / 255.0, Sigma, BorderMode.Nearest);
        return ByteImages.TruncateUnit(blurred).MoveToOuterDisposeScope();
    }
}
