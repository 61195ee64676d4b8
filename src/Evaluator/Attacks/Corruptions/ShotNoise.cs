using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>
/// <c>shot_noise</c>: Poisson(60 x) / 60, clipped. The input is uint8, so the rate takes one of 256
/// values; each value is drawn by inverting that rate's cumulative distribution (tabulated once,
/// in double precision) with one uniform number, which works the same on every device.
/// </summary>
internal sealed class ShotNoise : ICorruption
{
    private const double Photons = 60;
    private const int MaxCount = 160;

    private static readonly Lazy<double[]> Table = new(BuildTable);

    public string Name => "shot_noise";

    public Tensor Apply(Tensor bytes, RandomSource random)
    {
        using var scope = NewDisposeScope();
        var device = bytes.device;
        var u = random.Uniform(bytes.shape, ScalarType.Float64);
        // Row r of the table holds CDF(k) + 2r for k = 0..MaxCount, so one sorted search serves all rates.
        var table = tensor(Table.Value, ScalarType.Float64, device);
        var rows = bytes.to(ScalarType.Int64);
        var position = searchsorted(table, u + rows.to(ScalarType.Float64) * 2, right: true);
        var counts = (position - rows * (MaxCount + 1)).clamp_(0, MaxCount).to(ScalarType.Float64);
        return ByteImages.TruncateUnit(counts / Photons).MoveToOuterDisposeScope();
    }

    private static double[] BuildTable()
    {
        var table = new double[256 * (MaxCount + 1)];
        for (var level = 0; level < 256; level++)
        {
            var rate = level / 255.0 * Photons;
            var probability = Math.Exp(-rate);
            var cumulative = 0.0;
            for (var k = 0; k <= MaxCount; k++)
            {
                cumulative += probability;
                table[level * (MaxCount + 1) + k] = Math.Min(cumulative, 1.0) + 2 * level;
                probability *= rate / (k + 1);
            }
        }
        return table;
    }
}
