using Contest.Evaluator.Attacks.Corruptions;
using Contest.Evaluator.Runtime;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks.Corruptions;

public class SpatterFilterTests
{
    public SpatterFilterTests() => TorchNativeLoader.EnsureLoaded();

    [Fact]
    public void Canny_VerticalStep_MarksTheLastDarkColumn()
    {
        using var scope = NewDisposeScope();
        var image = zeros(1, 32, 32, ScalarType.Float64);
        image[.., .., 16..] = tensor(200.0, ScalarType.Float64);

        var edges = CannyEdges.Detect(image, 50, 150);

        // Both columns beside the step have the same gradient; OpenCV keeps the first (m > left, m >= right).
        var columns = edges[0].nonzero()[.., 1];
        Assert.Equal(32, columns.shape[0]);
        Assert.True(columns.eq(15).all().item<bool>());
    }

    [Fact]
    public void Canny_WeakEdgeTouchingAStrongOne_IsKeptAndAnIsolatedOneIsNot()
    {
        using var scope = NewDisposeScope();
        var image = zeros(1, 32, 32, ScalarType.Float64);
        // A strong step in rows 0..15 continues as a weak step (magnitude 4*20 = 80, between 50 and 150) below.
        image[.., ..16, 16..] = tensor(200.0, ScalarType.Float64);
        image[.., 16.., 16..] = tensor(20.0, ScalarType.Float64);
        var isolated = zeros(1, 32, 32, ScalarType.Float64);
        isolated[.., .., 16..] = tensor(20.0, ScalarType.Float64);

        var connected = CannyEdges.Detect(image, 50, 150);
        var alone = CannyEdges.Detect(isolated, 50, 150);

        Assert.True(connected[0, 30, 15].item<bool>());
        Assert.False(alone.any().item<bool>());
    }

    [Fact]
    public void ChamferDistance_OnePixel_UsesOpenCvsFiveByFiveWeights()
    {
        using var scope = NewDisposeScope();
        var zero = zeros(1, 15, 15, ScalarType.Bool);
        zero[0, 7, 7] = tensor(true);

        var distance = ChamferDistance.Compute(zero, cap: 20);

        Assert.Equal(0, distance[0, 7, 7].item<float>());
        Assert.Equal(1, distance[0, 7, 8].item<float>());
        Assert.Equal(91750 / 65536f, distance[0, 8, 8].item<float>());
        Assert.Equal(143976 / 65536f, distance[0, 8, 9].item<float>());
        Assert.Equal(3, distance[0, 7, 10].item<float>());
        Assert.Equal(2 * 91750 / 65536f, distance[0, 9, 9].item<float>());
    }

    [Fact]
    public void ChamferDistance_NoZeroPixel_IsCappedEverywhere()
    {
        using var scope = NewDisposeScope();

        var distance = ChamferDistance.Compute(zeros(1, 10, 10, ScalarType.Bool), cap: 20);

        Assert.True(distance.eq(20).all().item<bool>());
    }

    [Fact]
    public void EqualizeHist_ThreeLevels_SpreadsThemOverTheFullRange()
    {
        using var scope = NewDisposeScope();
        var image = zeros(1, 4, 4, ScalarType.Float64);
        image[0, 2] = tensor(10.0, ScalarType.Float64);
        image[0, 3] = tensor(20.0, ScalarType.Float64);

        var equalised = HistogramEqualization.Apply(image);

        // The darkest level maps to 0; the rest by cumulative count * 255 / (16 - 8), rounded half to even.
        Assert.Equal(0, equalised[0, 0, 0].item<double>());
        Assert.Equal(128, equalised[0, 2, 0].item<double>());
        Assert.Equal(255, equalised[0, 3, 0].item<double>());
    }

    [Fact]
    public void EqualizeHist_ConstantImage_IsUnchanged()
    {
        using var scope = NewDisposeScope();

        var equalised = HistogramEqualization.Apply(full(1, 4, 4, 7.0, ScalarType.Float64));

        Assert.True(equalised.eq(7).all().item<bool>());
    }
}
