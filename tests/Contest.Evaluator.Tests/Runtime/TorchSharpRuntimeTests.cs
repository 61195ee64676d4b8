using Contest.Evaluator.Runtime;
using Contest.ReferenceModels.Architectures;
using TorchSharp;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Runtime;

public class TorchSharpRuntimeTests
{
    [Fact]
    public void EnsureLoaded_OnThisMachine_LoadsBundledCpuLibTorch()
    {
        var report = TorchNativeLoader.EnsureLoaded();

        Assert.Equal("bundled CPU libtorch", report.LibTorchSource);
    }

    [Fact]
    public void Backward_OfSumOfSquares_GivesTwiceTheInput()
    {
        TorchNativeLoader.EnsureLoaded();
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1f, -2f, 3f }, requires_grad: true);

        (x * x).sum().backward();

        Assert.Equal(new[] { 2f, -4f, 6f }, x.grad!.data<float>().ToArray());
    }

    [Fact]
    public void SmallCnn_ForwardAndBackward_GivesLogitsAndParameterGradients()
    {
        TorchNativeLoader.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var model = new SmallCnn(width: 4);
        var images = rand(3, 3, 224, 224);
        var labels = tensor(new long[] { 0, 1, 1 });

        var logits = model.forward(images);
        var loss = nn.functional.cross_entropy(logits, labels);
        loss.backward();

        Assert.Equal(new long[] { 3, 2 }, logits.shape);
        Assert.True(float.IsFinite(loss.item<float>()));
        Assert.All(model.parameters(), p => Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0));
    }

    [Theory]
    [InlineData("auto", DeviceRequest.Auto)]
    [InlineData("CPU", DeviceRequest.Cpu)]
    [InlineData("cuda", DeviceRequest.Cuda)]
    public void Parse_DeviceNames_AreRecognised(string text, DeviceRequest expected)
    {
        Assert.Equal(expected, DeviceSelector.Parse(text));
    }

    [Fact]
    public void Resolve_Cpu_IsCpu()
    {
        Assert.Equal(DeviceType.CPU, DeviceSelector.Resolve(DeviceRequest.Cpu).type);
    }

    [Fact]
    public void Resolve_CudaWithoutGpu_ExplainsHowToGetOne()
    {
        if (TorchNativeLoader.EnsureLoaded().CudaAvailable)
            return;

        var error = Assert.Throws<InvalidOperationException>(() => DeviceSelector.Resolve(DeviceRequest.Cuda));

        Assert.Contains(TorchNativeLoader.LibTorchDirectoryVariable, error.Message);
    }
}
