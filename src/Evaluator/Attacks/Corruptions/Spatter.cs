using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>
/// <c>spatter</c> at severity 1 (0.65, 0.3, 4, 0.69, 0.6, water): a liquid layer (normal noise blurred
/// with sigma 4, kept above 0.69, cut to uint8) shaded by the package's OpenCV chain (Canny 50/150,
/// distance to the edges capped at 20, box blur, histogram equalisation, an embossing 3x3 kernel, box
/// blur), normalised to 0.6 at its peak and added as pale turquoise (175, 238, 238)/255 to R, G, B.
/// A layer with no liquid adds nothing (the original divided 0 by 0 there).
/// </summary>
internal sealed class Spatter : ICorruption
{
    private const double Mean = 0.65;
    private const double Spread = 0.3;
    private const double Sigma = 4;
    private const double Threshold = 0.69;
    private const double Intensity = 0.6;
    private static readonly double[] Emboss = [-2, -1, 0, -1, 1, 1, 0, 1, 2];
    private static readonly float[] Water = [175 / 255f, 238 / 255f, 238 / 255f];

    public string Name => "spatter";

    public Tensor Apply(Tensor bytes, RandomSource random)
    {
        using var scope = NewDisposeScope();
        var (batch, height, width) = (bytes.shape[0], bytes.shape[2], bytes.shape[3]);
        var liquid = random.Normal([batch, height, width], ScalarType.Float64).mul_(Spread).add_(Mean);
        liquid = ScipyGaussian.Blur(liquid, Sigma, BorderMode.Nearest);
        liquid = where(liquid.lt(Threshold), zeros_like(liquid), liquid);
        var layer = liquid.mul(255).floor_().clamp_(0, 255);

        var edges = CannyEdges.Detect(layer, 50, 150);
        var distance = ChamferDistance.Compute(edges, cap: 20);
        var shade = OpenCvFilters.BoxMean(distance).to(ScalarType.Float32).floor_();
        shade = HistogramEqualization.Apply(shade.to(ScalarType.Float64));
        shade = OpenCvFilters.Correlate3x3(shade, Emboss).clamp_(0, 255);
        shade = OpenCvFilters.BoxMean(shade).round_();

        var mask = layer.to(ScalarType.Float32) * shade.to(ScalarType.Float32);
        var peak = mask.amax([1, 2], keepdim: true);
        mask = where(peak.gt(0), mask / where(peak.gt(0), peak, ones_like(peak)), zeros_like(mask)).mul_(Intensity);
        var water = tensor(Water, device: bytes.device).reshape(1, 3, 1, 1);
        var x = bytes.to(ScalarType.Float32) / 255f;
        var wet = x + mask.unsqueeze(1) * water;
        return ByteImages.TruncateUnit(wet).to(ScalarType.Float64).MoveToOuterDisposeScope();
    }
}
