using Contest.Contracts.V1;
using Contest.Evaluator.Attacks;
using Contest.Evaluator.Runtime;
using Contest.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Runtime;

/// <summary>The same runtime and attacks on a GPU: run where one is present, skipped (with the reason) elsewhere.</summary>
public class CudaTests
{
    [CudaFact]
    public void TorchScriptFixture_OnCuda_ReproducesTheCpuLogits()
    {
        using var scope = NewDisposeScope();
        using var cpu = DefenseLoader.Load(TestPaths.GoodDefense("tiny_cnn_scripted.pt"), ModelFormat.Torchscript, CPU);
        using var gpu = DefenseLoader.Load(TestPaths.GoodDefense("tiny_cnn_scripted.pt"), ModelFormat.Torchscript, CUDA);
        var probe = linspace(0, 1, 4 * 3 * 224 * 224).reshape(4, 3, 224, 224);

        var onCpu = cpu.Forward(probe);
        var onGpu = gpu.Forward(probe.to(CUDA)).cpu();

        Assert.True(onCpu.allclose(onGpu, 1e-4, 1e-4));
    }

    [CudaFact]
    public void PgdQuick_OnCuda_KeepsEverythingOnTheDeviceAndInTheUnitBox()
    {
        using var scope = NewDisposeScope();
        using var model = DefenseLoader.Load(TestPaths.GoodDefense("tiny_cnn_scripted.pt"), ModelFormat.Torchscript, CUDA);
        var images = rand(4, 3, 224, 224).to(CUDA);
        var labels = tensor(new long[] { 0, 1, 0, 1 }).to(CUDA);

        using var result = AttackRegistry.Create("pgd_linf", AttackProfile.Quick).Run(new AttackInput { Images = images, Labels = labels, Model = model, Seed = 3 });

        Assert.Equal(DeviceType.CUDA, result.Images!.device.type);
        Assert.True(result.Images.min().item<float>() >= 0 && result.Images.max().item<float>() <= 1);
        Assert.Equal(new long[] { 4, 2 }, result.Logits!.shape);
    }
}
