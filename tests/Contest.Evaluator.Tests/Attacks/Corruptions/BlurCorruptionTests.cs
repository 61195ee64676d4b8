using Contest.Evaluator.Attacks.Corruptions;
using Contest.Evaluator.Attacks.Internal;
using Contest.Evaluator.Runtime;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks.Corruptions;

public class BlurCorruptionTests
{
    public BlurCorruptionTests() => TorchNativeLoader.EnsureLoaded();

    public static TheoryData<string> Blurs => ["gaussian_blur", "defocus_blur", "glass_blur", "motion_blur", "zoom_blur", "elastic_transform", "pixelate"];

    [Theory]
    [MemberData(nameof(Blurs))]
    public void Blur_ConstantImage_IsUnchanged(string name)
    {
        using var scope = NewDisposeScope();
        using var random = new CpuRandomSource(4);
        var corruption = CommonCorruptionsAttack.Corruptions.Single(c => c.Name == name);
        var image = full(2, 3, 224, 224, 77.0, ScalarType.Float64);

        var result = corruption.Apply(image, random);

        // Blurs average, so a constant stays constant, but weights that sum to 1 - 1e-16 and numpy's
        // truncating np.uint8 can drop it by a level per truncation (glass blur truncates twice).
        Assert.InRange(result.min().item<double>(), 75, 77);
        Assert.InRange(result.max().item<double>(), 75, 77);
        Assert.True(result.max().item<double>() - result.min().item<double>() <= 1);
    }

    [Fact]
    public void GaussianKernel_SigmaOne_SumsToOneOverNineTaps()
    {
        var kernel = ScipyGaussian.Kernel(1, 4);

        Assert.Equal(9, kernel.Length);
        Assert.Equal(1, kernel.Sum(), 12);
        Assert.Equal(kernel[0], kernel[8]);
    }

    [Fact]
    public void DefocusKernel_IsANormalisedDiskOfRadiusThree()
    {
        var kernel = DefocusBlur.BuildKernel();

        var weights = kernel.Cast<double>().ToArray();
        Assert.Equal(1, weights.Sum(), 12);
        Assert.Equal(29, weights.Count(w => w > 1e-12));
        Assert.Equal(1 / 29.0, kernel[8, 8], 12);
        Assert.Equal(1 / 29.0, kernel[8, 11], 12);
        Assert.True(kernel[8, 12] < 1e-12);
    }

    [Fact]
    public void ZoomMatrix_RowsSumToOneAndFactorOneIsTheIdentity()
    {
        var identity = ZoomBlur.ZoomMatrix(224, 1.0);
        var zoom = ZoomBlur.ZoomMatrix(224, 1.11);

        Assert.Equal(1, identity[37, 37]);
        Assert.All(Enumerable.Range(0, 224), row => Assert.Equal(1, Enumerable.Range(0, 224).Sum(c => zoom[row, c]), 12));
    }

    [Fact]
    public void MotionBlur_OneBrightPixel_SmearsOnlyBackwardsAlongTheMotion()
    {
        using var scope = NewDisposeScope();
        using var random = new CpuRandomSource(6);
        var image = zeros(4, 3, 224, 224, ScalarType.Float64);
        image[.., .., 112, 112] = tensor(255.0, ScalarType.Float64);

        var result = new MotionBlur().Apply(image, random);

        // Output(x) gathers input(x + offset) with offsets pointing right (|angle| <= 45), so the light lands left of the pixel.
        var lit = result[.., 0].gt(0).nonzero();
        Assert.True(lit.shape[0] > 4);
        Assert.True(lit[.., 2].max().item<long>() <= 112);
        Assert.True(result[.., 0, 112, 112].min().item<double>() >= result[.., 0].amax([1, 2]).min().item<double>());
    }

    [Fact]
    public void SeparableFilter_LongKernel_MirrorsRepeatedly()
    {
        // A kernel longer than the signal still sums to one per output under every border mode.
        var kernel = Enumerable.Repeat(1 / 11.0, 11).ToArray();
        foreach (var mode in new[] { BorderMode.Nearest, BorderMode.Reflect, BorderMode.Mirror })
        {
            var matrix = SeparableFilter.Matrix(4, kernel, mode);
            Assert.All(Enumerable.Range(0, 4), row => Assert.Equal(1, Enumerable.Range(0, 4).Sum(c => matrix[row, c]), 12));
        }
        Assert.Equal(1, Borders.Index(-2, 4, BorderMode.Reflect));
        Assert.Equal(2, Borders.Index(-2, 4, BorderMode.Mirror));
        Assert.Equal(0, Borders.Index(-2, 4, BorderMode.Nearest));
        Assert.Equal(3, Borders.Index(4, 4, BorderMode.Reflect));
    }
}
