using Contest.Evaluator.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks.Support;

/// <summary>
/// A TorchScript fixture as a defense, for benchmarks and tests only (the evaluator's real
/// TorchScript runtime lives elsewhere): loaded with TorchSharp's jit, in eval mode.
/// </summary>
internal sealed class ScriptedDefense : IDefenseModel
{
    private readonly jit.ScriptModule<Tensor, Tensor> _module;

    public ScriptedDefense(string path, Device device)
    {
        Name = Path.GetFileName(path);
        Device = device;
        _module = jit.load<Tensor, Tensor>(path, device);
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

    public void Dispose() => _module.Dispose();
}
