using TorchSharp;
using static TorchSharp.torch;

namespace Contest.Evaluator.Runtime;

/// <summary>A TorchSharp module (a reference model, or a test double) as a defense, in eval mode.</summary>
public sealed class ModuleDefense : IDefenseModel
{
    private readonly nn.Module<Tensor, Tensor> _module;
    private readonly bool _ownsModule;

    public ModuleDefense(string name, nn.Module<Tensor, Tensor> module, Device device, bool ownsModule = true)
    {
        Name = name;
        Device = device;
        _module = module;
        _ownsModule = ownsModule;
        _module.to(device);
        _module.eval();
    }

    public string Name { get; }

    public Device Device { get; }

    public bool SupportsInputGradients => true;

    public Tensor Forward(Tensor images)
    {
        using var noGrad = no_grad();
        return _module.forward(images);
    }

    public Tensor ForwardWithGradients(Tensor images)
    {
        using var enableGrad = enable_grad();
        return _module.forward(images);
    }

    public void Dispose()
    {
        if (_ownsModule)
            _module.Dispose();
    }
}
