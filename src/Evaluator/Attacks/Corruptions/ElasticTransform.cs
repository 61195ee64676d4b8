using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>
/// <c>elastic_transform</c> with the package's severity-1 constants (244*2, 244*0.7, 244*0.1):
/// a random affine warp that moves three reference points by up to 24.4 px (OpenCV warpAffine,
/// bilinear, borders mirrored about the edge pixel), then a displacement field: uniform noise in
/// [-1,1] blurred with sigma 170.8 (truncate 3, mirrored borders) times 488, sampled bilinearly with
/// scipy's "reflect" border. OpenCV rounds sampling positions to 1/32 px; this samples exactly.
/// </summary>
internal sealed class ElasticTransform : ICorruption
{
    private const double Alpha = 244 * 2;
    private const double FieldSigma = 244 * 0.7;
    private const double AffineJitter = 244 * 0.1;
    private const double FieldTruncate = 3;

    private static readonly Lazy<double[]> FieldKernel = new(() => ScipyGaussian.Kernel(FieldSigma, FieldTruncate));

    public string Name => "elastic_transform";

    public Tensor Apply(Tensor bytes, RandomSource random)
    {
        using var scope = NewDisposeScope();
        var (batch, height, width) = (bytes.shape[0], (int)bytes.shape[2], (int)bytes.shape[3]);
        var device = bytes.device;
        var image = bytes.to(ScalarType.Float32) / 255f;
        var warped = WarpAffine(image, random, height, width).to(ScalarType.Float32);

        var dx = Field(random, batch, height, width);
        var dy = Field(random, batch, height, width);
        var rows = arange(height, ScalarType.Float64, device).reshape(1, height, 1);
        var columns = arange(width, ScalarType.Float64, device).reshape(1, 1, width);
        // align_corners=false with reflection mirrors about -0.5 and size-0.5: scipy's "reflect".
        var gridX = (columns + dx).mul_(2).add_(1).div_(width).sub_(1);
        var gridY = (rows + dy).mul_(2).add_(1).div_(height).sub_(1);
        var grid = stack([gridX, gridY], 3);
        var displaced = nn.functional.grid_sample(warped.to(ScalarType.Float64), grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Reflection, align_corners: false);
        return ByteImages.TruncateUnit(displaced.to(ScalarType.Float32)).to(ScalarType.Float64).MoveToOuterDisposeScope();
    }

    // cv2.getAffineTransform(pts1, pts2) then cv2.warpAffine: dst(p) = src(M^-1 p) in pixel-index coordinates.
    private static Tensor WarpAffine(Tensor image, RandomSource random, int height, int width)
    {
        var device = image.device;
        var batch = image.shape[0];
        var centre = height / 2;
        var square = Math.Min(height, width) / 3;
        var reference = tensor(new float[] { centre + square, centre + square, centre + square, centre - square, centre - square, centre - square }, device: device)
            .reshape(1, 3, 2);
        var moved = reference + random.Uniform([batch, 3, 2], -AffineJitter, AffineJitter, ScalarType.Float64).to(ScalarType.Float32);
        var homogeneous = ones(batch, 1, 3, ScalarType.Float64, device);
        var source = cat([reference.expand(batch, 3, 2).to(ScalarType.Float64).transpose(1, 2), homogeneous], 1);
        var target = cat([moved.to(ScalarType.Float64).transpose(1, 2), homogeneous], 1);
        var inverse = matmul(source, linalg.inv(target));
        var rows = arange(height, ScalarType.Float64, device).reshape(1, height, 1);
        var columns = arange(width, ScalarType.Float64, device).reshape(1, 1, width);
        var m = inverse.reshape(batch, 9, 1, 1);
        var sourceX = m[.., 0] * columns + m[.., 1] * rows + m[.., 2];
        var sourceY = m[.., 3] * columns + m[.., 4] * rows + m[.., 5];
        // align_corners=true with reflection mirrors about 0 and size-1: OpenCV's BORDER_REFLECT_101.
        var grid = stack([sourceX.mul(2.0 / (width - 1)).sub_(1), sourceY.mul(2.0 / (height - 1)).sub_(1)], 3);
        return nn.functional.grid_sample(image.to(ScalarType.Float64), grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Reflection, align_corners: true);
    }

    private static Tensor Field(RandomSource random, long batch, int height, int width)
    {
        var noise = random.Uniform([batch, height, width], -1.0, 1.0, ScalarType.Float64);
        var smooth = SeparableFilter.Apply(noise, FieldKernel.Value, BorderMode.Reflect);
        return smooth.mul_(Alpha).to(ScalarType.Float32).to(ScalarType.Float64);
    }
}
