using Contest.Contracts.V1;
using Contest.ReferenceModels.NativeFormat;
using static TorchSharp.torch;

namespace Contest.Evaluator.Runtime;

/// <summary>Opens a stored defense file in the runtime its format needs.</summary>
public static class DefenseLoader
{
    public static IDefenseModel Load(string path, ModelFormat format, Device device, string? name = null) => format switch
    {
        ModelFormat.Torchscript => TorchScriptDefense.Load(path, device, name),
        ModelFormat.Onnx => OnnxDefense.Load(path, device, name),
        ModelFormat.Native => LoadNative(path, device, name),
        _ => throw new DefenseContractException($"unknown model format {format}."),
    };

    private static ModuleDefense LoadNative(string path, Device device, string? name)
    {
        try
        {
            var model = NativeModelReader.Read(path, device);
            return new ModuleDefense(name ?? Path.GetFileName(path), model.Module, device);
        }
        catch (NativeModelException e)
        {
            // The file is the server's own: its reader's sentence names no secret and may be shown to anyone.
            throw new DefenseContractException($"the server's native model could not be loaded: {e.Message}");
        }
    }
}
