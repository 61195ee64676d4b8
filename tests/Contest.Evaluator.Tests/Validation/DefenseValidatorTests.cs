using Contest.Contracts.V1;
using Contest.Evaluator.Data;
using Contest.Evaluator.Runtime;
using Contest.Evaluator.Validation;
using Contest.Tests.Shared;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Validation;

public class DefenseValidatorTests
{
    private static ValidationReport Validate(string path, ModelFormat format, double minImagesPerSecond = 0)
    {
        TorchNativeLoader.EnsureLoaded();
        using var model = DefenseLoader.Load(path, format, CPU);
        return new DefenseValidator(minImagesPerSecond, seed: 7, TimeSpan.FromMilliseconds(200)).Validate(model, IPhaseProgress.None);
    }

    [Theory]
    [InlineData("tiny_cnn_scripted.pt", ModelFormat.Torchscript)]
    [InlineData("tiny_cnn_traced.pt", ModelFormat.Torchscript)]
    [InlineData("normalized_wrapper_scripted.pt", ModelFormat.Torchscript)]
    [InlineData("squeezenet1_1_scripted.pt", ModelFormat.Torchscript)]
    [InlineData("tiny_cnn.onnx", ModelFormat.Onnx)]
    public void Validate_GoodFixture_Passes(string file, ModelFormat format)
    {
        var report = Validate(TestPaths.GoodDefense(file), format);

        Assert.True(report.Passed, report.Reason);
        Assert.True(report.ImagesPerSecond > 0);
        Assert.Equal(format != ModelFormat.Onnx, report.Differentiable);
    }

    [Theory]
    [InlineData("wrong_shape.pt", "output has shape [1,3]; expected [1,2] logits (bicycle, bird)")]
    [InlineData("nan_output.pt", "logits are not finite")]
    [InlineData("raises.pt", "forward raised an error on a batch of 1")]
    [InlineData("randomized.pt", "the same images gave different logits on a second call")]
    [InlineData("fixed_batch_traced.pt", "traced with a fixed batch size: works at N=4, fails at N=1")]
    public void Validate_BadFixture_FailsWithItsOwnReason(string file, string expected)
    {
        var report = Validate(TestPaths.BadDefense(file), ModelFormat.Torchscript);

        Assert.False(report.Passed);
        Assert.Contains(expected, report.Reason);
        Assert.False(report.Checks[^1].Passed);
    }

    [Fact]
    public void Validate_ModelThatRaises_KeepsItsWordsOutOfTheReason()
    {
        var report = Validate(TestPaths.BadDefense("raises.pt"), ModelFormat.Torchscript);

        Assert.DoesNotContain("exploded", report.Reason);
        Assert.DoesNotContain("exploded", report.Checks[^1].Detail);
        Assert.Contains("defense exploded on purpose", report.ModelMessage);
    }

    [Fact]
    public void Validate_BelowMinimumThroughput_FailsNamingTheRate()
    {
        var report = Validate(TestPaths.GoodDefense("tiny_cnn_scripted.pt"), ModelFormat.Torchscript, minImagesPerSecond: 1e9);

        Assert.False(report.Passed);
        Assert.Contains("below the minimum of 1000000000 images/s", report.Reason);
    }
}
