using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>
/// OpenCV's <c>equalizeHist</c> per image: lut[i] = round(float(count(i0 &lt; v &lt;= i)) * (255f / (N - count(i0)))),
/// with i0 the darkest value present (mapped to 0); a constant image stays as it is.
/// </summary>
internal static class HistogramEqualization
{
    /// <summary>[B,H,W] whole numbers 0..255 to the same, equalised.</summary>
    public static Tensor Apply(Tensor gray)
    {
        using var scope = NewDisposeScope();
        var batch = gray.shape[0];
        var values = gray.reshape(batch, -1).to(ScalarType.Int64);
        var total = values.shape[1];
        var offsets = arange(batch, ScalarType.Int64, gray.device).mul_(256).unsqueeze(1);
        var histogram = (values + offsets).flatten().bincount(null, batch * 256).reshape(batch, 256);
        var darkest = histogram.gt(0).to(ScalarType.Int32).argmax(1, keepdim: true);
        var darkestCount = histogram.gather(1, darkest);
        var above = histogram.cumsum(1) - darkestCount;
        var scale = (255f / (total - darkestCount).to(ScalarType.Float32));
        var lut = (above.to(ScalarType.Float32) * scale).round_().clamp_(0, 255).to(ScalarType.Float64);
        var levels = arange(256, ScalarType.Float64, gray.device).unsqueeze(0);
        lut = where(levels.le(darkest), zeros_like(lut), lut);
        var constant = darkestCount.eq(total);
        lut = where(constant, levels.expand(batch, 256), lut);
        return lut.gather(1, values).reshape(gray.shape).MoveToOuterDisposeScope();
    }
}
