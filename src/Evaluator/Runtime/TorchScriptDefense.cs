using static TorchSharp.torch;

namespace Contest.Evaluator.Runtime;

/// <summary>
/// A TorchScript defense (torch.jit.script or trace, then save), loaded with libtorch's JIT onto
/// the worker's device. Gives input gradients. Loading untrusted archives can abort the process,
/// which is why only isolated job processes do it.
/// </summary>
public sealed class TorchScriptDefense : IDefenseModel
{
    private readonly jit.ScriptModule _module;

    private TorchScriptDefense(string name, jit.ScriptModule module, Device device)
    {
        Name = name;
        Device = device;
        _module = module;
    }

    public string Name { get; }

    public Device Device { get; }

    public bool SupportsInputGradients => true;

    /// <summary>Loads the archive and puts it in eval mode.</summary>
    public static TorchScriptDefense Load(string path, Device device, string? name = null)
    {
        TorchNativeLoader.EnsureLoaded();
        var module = jit.load(path, device);
        module.eval();
        return new TorchScriptDefense(name ?? Path.GetFileName(path), module, device);
    }

    public Tensor Forward(Tensor images)
    {
        using var noGrad = no_grad();
        return Call(images);
    }

    public Tensor ForwardWithGradients(Tensor images)
    {
        using var enableGrad = enable_grad();
        return Call(images);
    }

    public void Dispose() => _module.Dispose();

    private Tensor Call(Tensor images)
    {
        object? output;
        try
        {
            output = _module.forward(images);
        }
        catch (System.Runtime.InteropServices.ExternalException e) when (e is not ModelRaisedException)
        {
            throw new ModelRaisedException(e);
        }
        return output switch
        {
            Tensor tensor => tensor,
            _ => throw new DefenseContractException(
                $"forward returned {DescribeOutput(output)}; it must return one tensor of logits [N,2] (bicycle, bird)."),
        };
    }

    private static string DescribeOutput(object? output) => output switch
    {
        null => "nothing",
        object[] tuple => $"a tuple of {tuple.Length} values",
        System.Collections.IList list => $"a list of {list.Count} values",
        _ => $"a {output.GetType().Name}",
    };
}
