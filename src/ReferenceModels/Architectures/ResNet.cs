using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Contest.ReferenceModels.Architectures;

/// <summary>
/// A ResNet with basic blocks for the contest's input, images [N,3,224,224] in [0,1], giving logits
/// [N,2] as [bicycle, bird]. Inputs are normalised inside the network with ImageNet's channel means
/// and deviations, so the model takes raw [0,1] pixels as the defense contract demands.
/// Two shapes share this code:
/// <list type="bullet">
/// <item><c>resnet18</c>: torchvision's ResNet-18 exactly (7x7/2 stem, 3x3/2 max-pool, four stages of
/// two blocks at widths 64-512), for GPUs.</item>
/// <item><c>resnet_small</c>: one block per stage at widths w, 2w, 4w, 8w behind a cheap stem (a 2x2
/// average pool, then a 3x3/2 convolution), so the trunk sees 56x56: about 1/40 of ResNet-18's
/// multiply-adds at w=16, trainable on two CPU cores.</item>
/// </list>
/// Parameter names follow torchvision (_conv1, _bn1, _layer1.0.conv1, ..., _fc) for the PyTorch export.
/// </summary>
public sealed class ResNet : nn.Module<Tensor, Tensor>
{
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    private readonly bool _poolStem;
    private readonly Conv2d _conv1;
    private readonly BatchNorm2d _bn1;
    private readonly Sequential _layer1;
    private readonly Sequential _layer2;
    private readonly Sequential _layer3;
    private readonly Sequential _layer4;
    private readonly Linear _fc;
    private readonly Tensor _mean;
    private readonly Tensor _std;

    private ResNet(string name, int width, int blocksPerStage, bool poolStem) : base(name)
    {
        _poolStem = poolStem;
        _conv1 = poolStem
            ? nn.Conv2d(3, width, kernel_size: 3, stride: 2, padding: 1, bias: false)
            : nn.Conv2d(3, width, kernel_size: 7, stride: 2, padding: 3, bias: false);
        _bn1 = nn.BatchNorm2d(width);
        _layer1 = Stage(width, width, blocksPerStage, stride: 1);
        _layer2 = Stage(width, width * 2, blocksPerStage, stride: 2);
        _layer3 = Stage(width * 2, width * 4, blocksPerStage, stride: 2);
        _layer4 = Stage(width * 4, width * 8, blocksPerStage, stride: 2);
        _fc = nn.Linear(width * 8, 2);
        // Buffers, not parameters: they travel with the weights but are never trained.
        _mean = tensor(Mean).view(1, 3, 1, 1);
        _std = tensor(Std).view(1, 3, 1, 1);
        // Explicit names: torchvision's, which the PyTorch export relies on.
        register_module("conv1", _conv1);
        register_module("bn1", _bn1);
        register_module("layer1", _layer1);
        register_module("layer2", _layer2);
        register_module("layer3", _layer3);
        register_module("layer4", _layer4);
        register_module("fc", _fc);
        register_buffer("input_mean", _mean);
        register_buffer("input_std", _std);
    }

    /// <summary>torchvision's ResNet-18 (width 64, two blocks per stage, 7x7 stem and max-pool).</summary>
    public static ResNet ResNet18() => new(nameof(ResNet18), 64, 2, poolStem: false);

    /// <summary>The CPU-sized ResNet: one block per stage, pooled stem; <paramref name="width"/> channels in the first stage.</summary>
    public static ResNet Small(int width) => new("ResNetSmall", width, 1, poolStem: true);

    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        var x = (images - _mean) / _std;
        if (_poolStem)
            x = nn.functional.avg_pool2d(x, 2);
        x = nn.functional.relu(_bn1.forward(_conv1.forward(x)));
        x = _poolStem ? x : nn.functional.max_pool2d(x, 3, 2, 1);
        x = _layer4.forward(_layer3.forward(_layer2.forward(_layer1.forward(x))));
        x = nn.functional.adaptive_avg_pool2d(x, 1).flatten(1);
        return _fc.forward(x).MoveToOuterDisposeScope();
    }

    private static Sequential Stage(int inputs, int outputs, int blocks, int stride)
    {
        var modules = new List<(string, nn.Module<Tensor, Tensor>)> { ("0", new ResidualBlock(inputs, outputs, stride)) };
        for (var i = 1; i < blocks; i++)
            modules.Add((i.ToString(), new ResidualBlock(outputs, outputs, 1)));
        return nn.Sequential(modules);
    }
}
