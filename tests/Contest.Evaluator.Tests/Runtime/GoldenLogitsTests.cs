using System.Text.Json;
using Contest.Contracts.V1;
using Contest.Evaluator.Runtime;
using Contest.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Runtime;

public class GoldenLogitsTests
{
    [Theory]
    [InlineData("tiny_cnn_scripted.pt", ModelFormat.Torchscript)]
    [InlineData("tiny_cnn_traced.pt", ModelFormat.Torchscript)]
    [InlineData("normalized_wrapper_scripted.pt", ModelFormat.Torchscript)]
    [InlineData("squeezenet1_1_scripted.pt", ModelFormat.Torchscript)]
    [InlineData("tiny_cnn.onnx", ModelFormat.Onnx)]
    public void Forward_ProbeInput_ReproducesPyTorchLogits(string file, ModelFormat format)
    {
        TorchNativeLoader.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var model = DefenseLoader.Load(TestPaths.GoodDefense(file), format, CPU);
        var probe = linspace(0, 1, 4 * 3 * 224 * 224).reshape(4, 3, 224, 224);

        var logits = model.Forward(probe).data<float>().ToArray();

        var expected = Golden(file);
        Assert.Equal(expected.Length, logits.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - logits[i]) <= 1e-4 * Math.Max(1, Math.Abs(expected[i])), $"logit {i}: {logits[i]} vs {expected[i]}");
    }

    [Fact]
    public void ForwardWithGradients_TorchScript_GivesInputGradients()
    {
        TorchNativeLoader.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var model = DefenseLoader.Load(TestPaths.GoodDefense("tiny_cnn_scripted.pt"), ModelFormat.Torchscript, CPU);
        var images = rand(2, 3, 224, 224).requires_grad_();

        model.ForwardWithGradients(images)[TensorIndex.Colon, 1].sum().backward();

        Assert.True(images.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void ForwardWithGradients_Onnx_SaysItIsForwardOnly()
    {
        using var model = DefenseLoader.Load(TestPaths.GoodDefense("tiny_cnn.onnx"), ModelFormat.Onnx, CPU);

        Assert.False(model.SupportsInputGradients);
        Assert.Throws<NotSupportedException>(() => model.ForwardWithGradients(zeros(1, 3, 224, 224)));
    }

    private static float[] Golden(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "defenses", "golden.json")));
        return json.RootElement.GetProperty("expected_logits").GetProperty(file).EnumerateArray()
            .SelectMany(row => row.EnumerateArray().Select(v => v.GetSingle())).ToArray();
    }
}
