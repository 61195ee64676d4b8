using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Contest.ReferenceModels.Architectures;

/// <summary>
/// A small convolutional classifier for 224x224 RGB images in [0,1] that outputs two logits
/// [bicycle, bird]: four strided conv-batchnorm-ReLU stages, global average pooling, a linear head.
/// Fast enough to train on a CPU in a minute; the undefended baseline's default architecture.
/// </summary>
public sealed class SmallCnn : nn.Module<Tensor, Tensor>
{
    private readonly Sequential _features;
    private readonly Linear _head;

    /// <summary>Creates the network with the given channel width (16 by default).</summary>
    public SmallCnn(int width = 16) : base(nameof(SmallCnn))
    {
        _features = nn.Sequential(
            Stage(3, width, stride: 4),
            Stage(width, width * 2, stride: 2),
            Stage(width * 2, width * 4, stride: 2),
            Stage(width * 4, width * 8, stride: 2),
            nn.AdaptiveAvgPool2d(1),
            nn.Flatten());
        _head = nn.Linear(width * 8, 2);
        RegisterComponents();
    }

    /// <summary>Images [N,3,H,W] in [0,1] to logits [N,2].</summary>
    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        // Centre the inputs so the first layer starts in a well-conditioned range.
        var centred = images - 0.5f;
        return _head.forward(_features.forward(centred)).MoveToOuterDisposeScope();
    }

    private static Sequential Stage(int inputs, int outputs, int stride) => nn.Sequential(
        nn.Conv2d(inputs, outputs, kernel_size: 3, stride: stride, padding: 1, bias: false),
        nn.BatchNorm2d(outputs),
        nn.ReLU());
}
