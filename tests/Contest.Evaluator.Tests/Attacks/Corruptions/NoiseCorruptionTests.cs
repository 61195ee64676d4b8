using Contest.Evaluator.Attacks.Corruptions;
using Contest.Evaluator.Attacks.Internal;
using Contest.Evaluator.Runtime;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks.Corruptions;

public class NoiseCorruptionTests
{
    private const double Grey = 128;

    public NoiseCorruptionTests() => TorchNativeLoader.EnsureLoaded();

    [Fact]
    public void GaussianNoise_MidGrey_HasStandardDeviationPointZeroEight()
    {
        using var scope = NewDisposeScope();

        var change = Noise(new GaussianNoise());

        Assert.InRange(change.std().item<double>(), 0.08 * 255 * 0.97, 0.08 * 255 * 1.03);
        // np.uint8 truncates, which lowers the mean by half a level.
        Assert.InRange(change.mean().item<double>(), -0.8, -0.2);
    }

    [Fact]
    public void SpeckleNoise_MidGrey_ScalesNoiseByTheValue()
    {
        using var scope = NewDisposeScope();

        var change = Noise(new SpeckleNoise());

        var expected = 0.15 * Grey;
        Assert.InRange(change.std().item<double>(), expected * 0.97, expected * 1.03);
    }

    [Fact]
    public void ShotNoise_MidGrey_IsPoissonWithSixtyPhotons()
    {
        using var scope = NewDisposeScope();

        var change = Noise(new ShotNoise());

        // Poisson(60 x) / 60 has variance x / 60.
        var expected = Math.Sqrt(Grey / 255 / 60) * 255;
        Assert.InRange(change.std().item<double>(), expected * 0.95, expected * 1.05);
        Assert.InRange(change.mean().item<double>(), -1.5, 0.5);
    }

    [Fact]
    public void ShotNoise_Black_StaysBlack()
    {
        using var scope = NewDisposeScope();
        using var random = new CpuRandomSource(1);

        var result = new ShotNoise().Apply(zeros(1, 3, 224, 224, ScalarType.Float64), random);

        Assert.Equal(0, result.max().item<double>());
    }

    [Fact]
    public void ImpulseNoise_MidGrey_FlipsThreePercentToBlackOrWhite()
    {
        using var scope = NewDisposeScope();
        using var random = new CpuRandomSource(3);
        var image = full(4, 3, 224, 224, Grey, ScalarType.Float64);

        var result = new ImpulseNoise().Apply(image, random);

        var changed = result.ne(Grey);
        Assert.InRange(changed.to(ScalarType.Float64).mean().item<double>(), 0.028, 0.032);
        Assert.True(result.masked_select(changed).eq(0).logical_or(result.masked_select(changed).eq(255)).all().item<bool>());
        Assert.InRange(result.eq(255).to(ScalarType.Float64).mean().item<double>(), 0.013, 0.017);
    }

    private static Tensor Noise(ICorruption corruption)
    {
        using var random = new CpuRandomSource(8);
        var image = full(4, 3, 224, 224, Grey, ScalarType.Float64);
        return corruption.Apply(image, random) - image;
    }
}
