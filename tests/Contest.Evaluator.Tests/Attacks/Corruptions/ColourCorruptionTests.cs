using Contest.Evaluator.Attacks.Corruptions;
using Contest.Evaluator.Attacks.Internal;
using Contest.Evaluator.Runtime;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks.Corruptions;

public class ColourCorruptionTests
{
    public ColourCorruptionTests() => TorchNativeLoader.EnsureLoaded();

    [Fact]
    public void Brightness_ConstantColour_RaisesHsvValueByATenth()
    {
        using var scope = NewDisposeScope();
        // HSV value is the largest channel (200/255); with hue and saturation fixed every channel scales with it.
        var result = Apply(new Brightness(), 100, 150, 200);

        var factor = (200 / 255.0 + 0.1) / (200 / 255.0);
        AssertChannels(result, 100 * factor, 150 * factor, 200 * factor);
    }

    [Fact]
    public void Saturate_ConstantColour_KeepsValueAndScalesSaturationByPointThree()
    {
        using var scope = NewDisposeScope();
        // s = 0.5 becomes 0.15: each channel moves to v - (v - c) * 0.3.
        var result = Apply(new Saturate(), 100, 150, 200);

        AssertChannels(result, 200 - 100 * 0.3, 200 - 50 * 0.3, 200);
    }

    [Fact]
    public void Saturate_Grey_StaysGrey()
    {
        using var scope = NewDisposeScope();

        AssertChannels(Apply(new Saturate(), 90, 90, 90), 90, 90, 90);
    }

    [Fact]
    public void Contrast_ConstantImage_IsUnchanged()
    {
        using var scope = NewDisposeScope();

        AssertChannels(Apply(new Contrast(), 30, 120, 240), 30, 120, 240);
    }

    [Fact]
    public void Contrast_TwoLevels_MoveToFortyPercentOfTheirDistanceFromTheMean()
    {
        using var scope = NewDisposeScope();
        var image = full(1, 3, 224, 224, 51.0, ScalarType.Float64);
        image[.., .., ..112, ..] = tensor(204.0, ScalarType.Float64);

        var result = new Contrast().Apply(image, new CpuRandomSource(0));

        // Mean 127.5; 204 -> 127.5 + 76.5 * 0.4 = 158.1, 51 -> 96.9 (then truncated).
        Assert.Equal(158, result[0, 0, 0, 0].item<double>());
        Assert.Equal(96, result[0, 0, 200, 0].item<double>());
    }

    [Fact]
    public void Fog_BlackImage_StaysBlack()
    {
        using var scope = NewDisposeScope();

        // The fog is scaled by the image's own maximum, which is zero.
        AssertChannels(Apply(new Fog(), 0, 0, 0), 0, 0, 0);
    }

    [Fact]
    public void Fog_WhiteImage_IsAtLeastFortyPercentGrey()
    {
        using var scope = NewDisposeScope();
        using var random = new CpuRandomSource(2);

        var result = new Fog().Apply(full(2, 3, 224, 224, 255.0, ScalarType.Float64), random);

        // (1 + 1.5 p) / 2.5 with p in [0,1]: from 0.4 up to 1.
        Assert.Equal(Math.Floor(0.4 * 255), result.min().item<double>(), 1);
        Assert.Equal(255, result.max().item<double>());
    }

    [Fact]
    public void Spatter_OnlyAddsPaleTurquoise()
    {
        using var scope = NewDisposeScope();
        using var random = new CpuRandomSource(9);
        var image = full(4, 3, 224, 224, 100.0, ScalarType.Float64);

        var result = new Spatter().Apply(image, random);

        var added = result - image;
        Assert.True(added.min().item<double>() >= 0);
        Assert.True(added.max().item<double>() > 0, "some liquid should land on four images");
        // Water adds 175/255 of its strength to red and 238/255 to green and blue.
        Assert.True((added[.., 1] - added[.., 0]).min().item<double>() >= -1);
        Assert.True(added[.., 1].eq(added[.., 2]).all().item<bool>());
    }

    private static Tensor Apply(ICorruption corruption, double red, double green, double blue)
    {
        using var random = new CpuRandomSource(1);
        var image = tensor(new[] { red, green, blue }, ScalarType.Float64).reshape(1, 3, 1, 1).expand(1, 3, 224, 224).contiguous();
        return corruption.Apply(image, random);
    }

    private static void AssertChannels(Tensor result, double red, double green, double blue)
    {
        var expected = new[] { red, green, blue };
        for (var channel = 0; channel < 3; channel++)
        {
            var plane = result[0, channel];
            Assert.Equal(plane.min().item<double>(), plane.max().item<double>());
            Assert.InRange(plane[0, 0].item<double>(), Math.Floor(expected[channel]) - 1, Math.Floor(expected[channel]) + 1);
        }
    }
}
