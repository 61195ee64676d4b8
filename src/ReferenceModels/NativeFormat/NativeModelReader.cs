using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Contest.Core.Models;
using Contest.ReferenceModels.Architectures;
using TorchSharp;
using static TorchSharp.torch;

namespace Contest.ReferenceModels.NativeFormat;

/// <summary>
/// Reads a native model file (see <see cref="NativeModelWriter"/>) as untrusted input: the ZIP's
/// declared directory is checked before it is parsed, only the two named entries are read, each
/// within its cap and checked against its declared size, the manifest is held to
/// <see cref="NativeModelManifest"/>'s rules, the weights to their hash and to the architecture's
/// own tensors. Every refusal is a <see cref="NativeModelException"/> naming the rule.
/// </summary>
public static class NativeModelReader
{
    /// <summary>The most bytes the manifest may take.</summary>
    public const int MaxManifestBytes = 64 << 10;

    /// <summary>The most bytes the weights may take.</summary>
    public const long MaxWeightsBytes = 1L << 30;

    /// <summary>The most entries the archive may declare (it needs two).</summary>
    public const int MaxEntries = 16;

    private const int MaxDirectoryBytes = 64 << 10;
    private const long MaxFileBytes = MaxWeightsBytes + (4 << 20);
    private static ReadOnlySpan<byte> ZipMagic => [0x50, 0x4B, 0x03, 0x04];

    /// <summary>Reads the file at <paramref name="path"/> and returns the network in eval mode on <paramref name="device"/>.</summary>
    public static NativeModel Read(string path, Device device)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 << 10);
        return Read(file, device);
    }

    /// <summary>Reads a native model from a seekable stream, which stays open.</summary>
    public static NativeModel Read(Stream stream, Device device)
    {
        var (manifest, weights) = ReadEntries(stream);
        var network = string.Create(CultureInfo.InvariantCulture, $"{manifest.Architecture} at width {manifest.Width}");
        var module = ArchitectureCatalog.Create(manifest.Architecture, manifest.Width);
        try
        {
            var parameters = module.parameters().Sum(p => p.NumberOfElements);
            if (parameters != manifest.ParameterCount)
                throw NativeManifestRules.Refuse(string.Create(CultureInfo.InvariantCulture,
                    $"the manifest counts {manifest.ParameterCount} parameters; {network} has {parameters}."));
            TorchSharpWeightsLayout.Check(weights, module.state_dict(), network);
            Load(module, weights, network);
            module.to(device);
            module.eval();
            return new NativeModel(manifest, module);
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }

    /// <summary>Reads and checks the manifest alone (the weights' hash included), loading no network.</summary>
    public static NativeModelManifest ReadManifest(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 << 10);
        return ReadEntries(file).Manifest;
    }

    private static (NativeModelManifest Manifest, byte[] Weights) ReadEntries(Stream stream)
    {
        if (!stream.CanSeek || !stream.CanRead)
            throw new ArgumentException("a native model is read from a seekable stream.", nameof(stream));
        stream.Position = 0;
        CheckEnvelope(stream);
        stream.Position = 0;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var manifestBytes = ReadEntry(zip, NativeModelManifest.EntryName, MaxManifestBytes, "the manifest");
            var manifest = Parse(manifestBytes);
            NativeManifestRules.Check(manifest);
            var weights = ReadEntry(zip, manifest.Weights, MaxWeightsBytes, "the weights");
            var hash = Convert.ToHexStringLower(SHA256.HashData(weights));
            if (hash != manifest.WeightsSha256)
                throw NativeManifestRules.Refuse(
                    $"the weights' SHA-256 is {hash}, the manifest says {manifest.WeightsSha256}: the file was altered or damaged.");
            return (manifest, weights);
        }
        catch (InvalidDataException e)
        {
            throw NativeManifestRules.Refuse($"the ZIP archive is corrupt ({e.Message}).");
        }
    }

    // Before ZipArchive builds an object per declared entry, the end records must declare a small directory.
    private static void CheckEnvelope(Stream stream)
    {
        Span<byte> head = stackalloc byte[4];
        if (stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length || !head.SequenceEqual(ZipMagic))
            throw NativeManifestRules.Refuse($"not a ZIP archive (a native model file is a ZIP holding {NativeModelManifest.EntryName} and the weights).");
        if (stream.Length > MaxFileBytes)
            throw NativeManifestRules.Refuse(string.Create(CultureInfo.InvariantCulture,
                $"the file has {stream.Length} bytes; a native model file has at most {MaxFileBytes}."));
        if (ZipDirectorySize.Read(stream) is not { } size)
            throw NativeManifestRules.Refuse("the ZIP archive has no end-of-directory record: it is truncated or not a ZIP.");
        if (size.Entries > MaxEntries)
            throw NativeManifestRules.Refuse(string.Create(CultureInfo.InvariantCulture,
                $"the ZIP archive declares {size.Entries} entries; a native model file has at most {MaxEntries}."));
        if (size.Bytes > MaxDirectoryBytes)
            throw NativeManifestRules.Refuse(string.Create(CultureInfo.InvariantCulture,
                $"the ZIP archive's directory declares {size.Bytes} bytes; at most {MaxDirectoryBytes} are read."));
    }

    private static byte[] ReadEntry(ZipArchive zip, string name, long cap, string what)
    {
        var matches = zip.Entries.Where(e => e.FullName == name).Take(2).ToList();
        if (matches.Count == 0)
            throw NativeManifestRules.Refuse($"the archive has no entry '{name}' ({what}).");
        if (matches.Count > 1)
            throw NativeManifestRules.Refuse($"the archive holds the entry '{name}' ({what}) twice.");
        var entry = matches[0];
        if (entry.Length > cap)
            throw NativeManifestRules.Refuse(string.Create(CultureInfo.InvariantCulture,
                $"{what} ('{name}') declares {entry.Length} bytes; at most {cap} are allowed."));

        // The declared size is the file's word, not a fact: read at most one byte past it.
        var content = new byte[entry.Length];
        using var source = entry.Open();
        var read = source.ReadAtLeast(content, content.Length, throwOnEndOfStream: false);
        if (read < content.Length || source.ReadByte() >= 0)
            throw NativeManifestRules.Refuse(string.Create(CultureInfo.InvariantCulture,
                $"{what} ('{name}') does not unpack to the {entry.Length} bytes it declares."));
        return content;
    }

    private static NativeModelManifest Parse(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<NativeModelManifest>(bytes, NativeManifestRules.Json)
                   ?? throw NativeManifestRules.Refuse("the manifest is JSON null, not an object.");
        }
        catch (JsonException e)
        {
            throw NativeManifestRules.Refuse($"the manifest is not valid: {e.Message}");
        }
    }

    private static void Load(nn.Module<Tensor, Tensor> module, byte[] weights, string network)
    {
        try
        {
            using var noGrad = no_grad();
            using var stream = new MemoryStream(weights, writable: false);
            module.load(stream, strict: true);
        }
        // The layout was checked against the network first (names, types, shapes, sizes), so what is left is TorchSharp's own refusal.
        catch (Exception e) when (e is ArgumentException or IOException or ExternalException)
        {
            throw NativeManifestRules.Refuse($"the weights do not fit {network}: {e.Message}");
        }
    }
}
