using Contest.Contracts.V1;
using static TorchSharp.torch;

namespace Contest.Evaluator.Runtime;

/// <summary>Opens a stored defense file in the runtime its format needs.</summary>
public static class DefenseLoader
{
    public static IDefenseModel Load(string path, ModelFormat format, Device device, string? name = null) => format switch
    {
        ModelFormat.Torchscript => TorchScriptDefense.Load(path, device, name),
        ModelFormat.Onnx => OnnxDefense.Load(path, device, name),
        ModelFormat.Native => throw new DefenseContractException("native models load through the native format (pending)."),
        _ => throw new DefenseContractException($"unknown model format {format}."),
    };
}
