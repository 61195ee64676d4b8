using Contest.Evaluator.Attacks.Internal;
using Contest.Evaluator.Attacks.Spatial;
using Contest.Evaluator.Runtime;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks.Spatial;

public class RandomSpatialTransformTests
{
    public RandomSpatialTransformTests() => TorchNativeLoader.EnsureLoaded();

    [Fact]
    public void Apply_NoMotion_ShrinksTo204AndLeavesTenBlackPixelsPerSide()
    {
        using var scope = NewDisposeScope();
        using var random = new CpuRandomSource(1);
        var images = full(2, 3, 224, 224, 0.6f);

        var result = RandomSpatialTransform.Apply(images, new RandomSpatialOptions(0, 0, 20), random);

        // 204 + 20 + 20 = 244 wide, centre-cropped to 224: 10 px of the black border remain.
        Assert.Equal(0, result[.., .., ..10, ..].abs().max().item<float>());
        Assert.Equal(0, result[.., .., .., 214..].abs().max().item<float>());
        Assert.Equal(0.6f, result[0, 0, 10, 10].item<float>(), 5);
        Assert.Equal(0.6f, result[1, 2, 213, 213].item<float>(), 5);
    }

    [Fact]
    public void Transform_PlusNinetyDegrees_TurnsCounterClockwiseLikeTensorFlow()
    {
        using var scope = NewDisposeScope();
        var image = zeros(1, 1, 224, 224);
        image[0, 0, 112, 170] = tensor(1f);

        var result = RandomSpatialTransform.Transform(image, tensor(new[] { 0f }), tensor(new[] { 0f }), tensor(new[] { (float)(Math.PI / 2) }), 0);

        // About the centre (111.5, 111.5): right of centre goes to the top.
        var brightest = result[0, 0].argmax().item<long>();
        Assert.Equal((53L, 112L), (brightest / 224, brightest % 224));
    }

    [Fact]
    public void Transform_PositiveDx_MovesRightAndPositiveDyMovesDown()
    {
        using var scope = NewDisposeScope();
        var image = zeros(1, 1, 224, 224);
        image[0, 0, 100, 100] = tensor(1f);

        var result = RandomSpatialTransform.Transform(image, tensor(new[] { 5f }), tensor(new[] { 7f }), tensor(new[] { 0f }), 0);

        var brightest = result[0, 0].argmax().item<long>();
        Assert.Equal((107L, 105L), (brightest / 224, brightest % 224));
    }

    [Fact]
    public void ResizeMatrix_RowsSumToOneWithoutHalfPixelShift()
    {
        using var scope = NewDisposeScope();

        var matrix = RandomSpatialTransform.ResizeMatrix(224, 204, CPU);

        Assert.True(matrix.sum(1).allclose(ones(204), 1e-6, 1e-6));
        // Legacy TF: output 0 reads input 0 exactly.
        Assert.Equal(1f, matrix[0, 0].item<float>());
    }
}
