using System.IO.Compression;
using System.Text.Json;
using Contest.ReferenceModels.Architectures;
using static TorchSharp.torch;

namespace Contest.Evaluator.Runtime;

/// <summary>
/// The file format of the project's own models: a ZIP holding <c>contest-native.json</c> (the
/// architecture and its width) and <c>weights.bin</c> (TorchSharp's state format). They are meant for
/// reference-model training, which no job runner does yet, so nothing here writes them; uploads in
/// this format are refused by the format sniffer.
/// </summary>
public static class NativeModelFile
{
    private const string DescriptorEntry = "contest-native.json";
    private const string WeightsEntry = "weights.bin";

    /// <summary>What a native model file says about its network.</summary>
    public sealed record Descriptor(string Architecture, int Width);

    public static ModuleDefense Load(string path, Device device, string? name = null)
    {
        TorchNativeLoader.EnsureLoaded();
        using var zip = ZipFile.OpenRead(path);
        var descriptorEntry = zip.GetEntry(DescriptorEntry) ?? throw new DefenseContractException($"{path} is not a native model file.");
        Descriptor descriptor;
        using (var json = descriptorEntry.Open())
            descriptor = JsonSerializer.Deserialize<Descriptor>(json) ?? throw new DefenseContractException("empty model descriptor.");
        var module = Architectures.Create(descriptor.Architecture, descriptor.Width);
        using (var weights = zip.GetEntry(WeightsEntry)!.Open())
        using (var buffer = new MemoryStream())
        {
            weights.CopyTo(buffer);
            buffer.Position = 0;
            module.load(buffer);
        }
        return new ModuleDefense(name ?? descriptor.Architecture, module, device);
    }
}
