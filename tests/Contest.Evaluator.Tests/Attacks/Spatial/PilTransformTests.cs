using Contest.Evaluator.Attacks.Internal;
using Contest.Evaluator.Attacks.Spatial;
using Contest.Evaluator.Runtime;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks.Spatial;

public class PilTransformTests
{
    public PilTransformTests() => TorchNativeLoader.EnsureLoaded();

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(30, 0, 0)]
    [InlineData(-30, 0, 0)]
    [InlineData(0, 18, 0)]
    [InlineData(0, 0, 18)]
    [InlineData(-16, -9, 18)]
    public void BorderThenAffine_TorchvisionFixtures_MatchExactly(int angle, int dx, int dy)
    {
        using var scope = NewDisposeScope();
        var input = FixtureImages.Load("spatial_input_224.png");
        var expected = FixtureImages.Load($"spatial_angle{angle}_dx{dx}_dy{dy}.png");

        var bordered = BlackBorder.Apply(input, 0.15);
        var actual = ByteImages.ToUnit(PilAffine.Apply(bordered, [new SpatialTransform(angle, dx, dy)]).squeeze(1));

        Assert.Equal(0, FixtureImages.ByteDifferences(actual, expected).Max());
    }

    [Theory]
    [InlineData(90, 0, 0, "dot_angle90_dx0_dy0_noborder.png")]
    [InlineData(0, 18, 0, "dot_angle0_dx18_dy0_noborder.png")]
    [InlineData(0, 0, 18, "dot_angle0_dx0_dy18_noborder.png")]
    public void Affine_DirectionFixtures_MoveTheSquareLikeTorchvision(int angle, int dx, int dy, string fixture)
    {
        using var scope = NewDisposeScope();
        var input = ByteImages.FromUnit(FixtureImages.Load("dot_input_224.png"));

        var actual = ByteImages.ToUnit(PilAffine.Apply(input, [new SpatialTransform(angle, dx, dy)]).squeeze(1));

        Assert.Equal(0, FixtureImages.ByteDifferences(actual, FixtureImages.Load(fixture)).Max());
    }

    [Theory]
    [InlineData(20, 7, -4)]
    [InlineData(-30, -18, 9)]
    [InlineData(45, 0, 0)]
    public void Affine_OneBrightPixel_LandsWhereTheRotationFormulaSays(double angle, double dx, double dy)
    {
        using var scope = NewDisposeScope();
        const int row = 70, column = 150;
        var image = zeros(1, 3, 224, 224, ScalarType.Float64);
        image[.., .., row, column] = tensor(255.0, ScalarType.Float64);

        var moved = PilAffine.Apply(image, [new SpatialTransform(angle, dx, dy)])[0, 0, 0];

        // Clockwise on screen (y down): (x, y) -> (x cos - y sin, x sin + y cos) about the centre, then shifted.
        var radians = angle * Math.PI / 180;
        var (x, y) = (column + 0.5 - 112, row + 0.5 - 112);
        var expectedX = x * Math.Cos(radians) - y * Math.Sin(radians) + 112 + dx;
        var expectedY = x * Math.Sin(radians) + y * Math.Cos(radians) + 112 + dy;
        var brightest = moved.argmax().item<long>();
        var (actualY, actualX) = (brightest / 224 + 0.5, brightest % 224 + 0.5);
        Assert.InRange(Math.Abs(actualX - expectedX), 0, 1.0);
        Assert.InRange(Math.Abs(actualY - expectedY), 0, 1.0);
    }

    [Fact]
    public void Resize_PilBilinearFixture_MatchesExactly()
    {
        using var scope = NewDisposeScope();
        var input = ByteImages.FromUnit(FixtureImages.Load("resize_input_299.png"));

        var actual = ByteImages.ToUnit(PilResize.Apply(input, 224, 224, PilFilter.Bilinear));

        Assert.Equal(0, FixtureImages.ByteDifferences(actual, FixtureImages.Load("resize_output_224_from_png.png")).Max());
    }

    [Fact]
    public void Resize_BoxDownThenUp_AveragesBlocksAndRepeatsThem()
    {
        using var scope = NewDisposeScope();
        var image = arange(16, ScalarType.Float64).mul(10).reshape(1, 1, 4, 4);

        var down = PilResize.Apply(image, 2, 2, PilFilter.Box);
        var up = PilResize.Apply(down, 4, 4, PilFilter.Box);

        // Blocks of [0,10;40,50] average 25, then the box upscale repeats each value over its block.
        Assert.Equal(new[] { 25.0, 45.0, 105.0, 125.0 }, down.flatten().data<double>().ToArray());
        Assert.Equal(25.0, up[0, 0, 1, 1].item<double>());
        Assert.Equal(125.0, up[0, 0, 3, 2].item<double>());
    }
}
