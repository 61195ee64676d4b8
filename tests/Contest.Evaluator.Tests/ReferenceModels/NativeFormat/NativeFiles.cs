using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Contest.Core.Training;
using Contest.ReferenceModels.Architectures;
using Contest.ReferenceModels.NativeFormat;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.ReferenceModels.NativeFormat;

/// <summary>Networks with non-trivial weights and statistics, their native files, and hand-made variants of those files.</summary>
internal static class NativeFiles
{
    public static readonly IReadOnlyDictionary<string, string> Training = new Dictionary<string, string>
    {
        ["recipe"] = "undefended",
        ["seed"] = "7",
    };

    /// <summary>A fresh network whose BatchNorm statistics moved away from their initial values (one train-mode forward).</summary>
    public static nn.Module<Tensor, Tensor> Network(string architecture, int width, long seed = 1)
    {
        manual_seed(seed);
        var module = ArchitectureCatalog.Create(architecture, width);
        module.train();
        using (var scope = NewDisposeScope())
        using (no_grad())
            module.forward(rand(4, 3, 224, 224));
        module.eval();
        return module;
    }

    public static byte[] Write(nn.Module<Tensor, Tensor> module, string architecture, int width)
    {
        using var buffer = new MemoryStream();
        NativeModelWriter.Write(buffer, module, architecture, width, Training);
        return buffer.ToArray();
    }

    /// <summary>The small_cnn width-4 file every refusal test starts from.</summary>
    public static byte[] SmallValid()
    {
        using var module = Network(ArchitectureNames.SmallCnnName, 4);
        return Write(module, ArchitectureNames.SmallCnnName, 4);
    }

    public static (JsonObject Manifest, byte[] Weights) Open(byte[] file)
    {
        using var zip = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read);
        var manifest = JsonNode.Parse(ReadAll(zip.GetEntry(NativeModelManifest.EntryName)!))!.AsObject();
        var weights = ReadAll(zip.GetEntry(NativeModelManifest.DefaultWeightsEntryName)!);
        return (manifest, weights);
    }

    /// <summary>A ZIP of the given entries, in order, as written.</summary>
    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A native file with this manifest and weights; the hash is set to the weights' unless <paramref name="keepHash"/>.</summary>
    public static byte[] Assemble(JsonObject manifest, byte[] weights, bool keepHash = false)
    {
        if (!keepHash)
            manifest["weights_sha256"] = Convert.ToHexStringLower(SHA256.HashData(weights));
        return Zip((NativeModelManifest.EntryName, Encoding.UTF8.GetBytes(manifest.ToJsonString())), (NativeModelManifest.DefaultWeightsEntryName, weights));
    }

    public static long ParameterCount(string architecture, int width)
    {
        using var module = ArchitectureCatalog.Create(architecture, width);
        return module.parameters().Sum(p => p.NumberOfElements);
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
