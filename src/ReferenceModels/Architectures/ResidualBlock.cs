using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Contest.ReferenceModels.Architectures;

/// <summary>
/// ResNet's basic block (He et al. 2016): two 3x3 conv-batchnorm layers and a shortcut, a 1x1 strided
/// projection where the shape changes. Submodule names follow torchvision's BasicBlock (_conv1, _bn1,
/// _conv2, _bn2, _downsample.0, _downsample.1) so exported weights load into the PyTorch definition.
/// </summary>
internal sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d _conv1;
    private readonly BatchNorm2d _bn1;
    private readonly Conv2d _conv2;
    private readonly BatchNorm2d _bn2;
    private readonly Sequential? _downsample;

    public ResidualBlock(int inputs, int outputs, int stride) : base(nameof(ResidualBlock))
    {
        _conv1 = nn.Conv2d(inputs, outputs, kernel_size: 3, stride: stride, padding: 1, bias: false);
        _bn1 = nn.BatchNorm2d(outputs);
        _conv2 = nn.Conv2d(outputs, outputs, kernel_size: 3, stride: 1, padding: 1, bias: false);
        _bn2 = nn.BatchNorm2d(outputs);
        if (stride != 1 || inputs != outputs)
            _downsample = nn.Sequential(nn.Conv2d(inputs, outputs, kernel_size: 1, stride: stride, bias: false), nn.BatchNorm2d(outputs));
        // Explicit names: torchvision's, which the PyTorch export relies on.
        register_module("conv1", _conv1);
        register_module("bn1", _bn1);
        register_module("conv2", _conv2);
        register_module("bn2", _bn2);
        if (_downsample is not null)
            register_module("downsample", _downsample);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var residual = nn.functional.relu(_bn1.forward(_conv1.forward(input)));
        residual = _bn2.forward(_conv2.forward(residual));
        var shortcut = _downsample is null ? input : _downsample.forward(input);
        return nn.functional.relu(residual + shortcut).MoveToOuterDisposeScope();
    }
}
