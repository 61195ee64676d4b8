using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Contest.Core.Training;
using static TorchSharp.torch;

namespace Contest.ReferenceModels.NativeFormat;

/// <summary>
/// Writes a native model file: a ZIP holding <c>contest-model.json</c> (the manifest) and
/// <c>weights.bin</c> (TorchSharp's <c>module.save</c> format). Entries carry a fixed time stamp, so
/// the same weights and record give the same bytes (files are stored under their SHA-256).
/// </summary>
public static class NativeModelWriter
{
    // ZIP time stamps start in 1980; any fixed instant will do.
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Writes <paramref name="module"/> (a network from <c>ArchitectureCatalog.Create(architecture, width)</c>)
    /// to <paramref name="output"/>, which stays open, and returns the manifest written.
    /// </summary>
    /// <param name="training">How the model was made, for example <c>TrainingPlan.Describe()</c>.</param>
    public static NativeModelManifest Write(Stream output, nn.Module<Tensor, Tensor> module, string architecture, int width,
        IReadOnlyDictionary<string, string> training)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(module);
        if (!ArchitectureNames.Versions.TryGetValue(architecture, out var version))
            throw new ArgumentException($"unknown architecture '{architecture}'; known: {string.Join(", ", ArchitectureNames.Names)}.", nameof(architecture));

        byte[] weights;
        using (var buffer = new MemoryStream())
        {
            module.save(buffer);
            weights = buffer.ToArray();
        }
        if (weights.LongLength > NativeModelReader.MaxWeightsBytes)
            throw new ArgumentException($"the weights take {weights.LongLength} bytes; a native model file holds at most {NativeModelReader.MaxWeightsBytes}.", nameof(module));

        var manifest = new NativeModelManifest
        {
            Format = NativeModelManifest.FormatName,
            FormatVersion = NativeModelManifest.CurrentFormatVersion,
            Architecture = architecture,
            ArchitectureVersion = version,
            Width = NativeManifestRules.EffectiveWidth(architecture, width),
            Classes = NativeManifestRules.Classes,
            Input = NativeManifestRules.Input,
            Weights = NativeModelManifest.DefaultWeightsEntryName,
            WeightsSha256 = Convert.ToHexStringLower(SHA256.HashData(weights)),
            ParameterCount = module.parameters().Sum(p => p.NumberOfElements),
            Training = new SortedDictionary<string, string>(training.ToDictionary(), StringComparer.Ordinal),
        };
        try
        {
            NativeManifestRules.Check(manifest);
        }
        catch (NativeModelException e)
        {
            throw new ArgumentException($"this model cannot be written as a native model file: {e.Message}", e);
        }
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, NativeManifestRules.Json);
        if (manifestBytes.Length > NativeModelReader.MaxManifestBytes)
            throw new ArgumentException(
                $"the manifest takes {manifestBytes.Length} bytes; at most {NativeModelReader.MaxManifestBytes} (shorten the training record).", nameof(training));

        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, NativeModelManifest.EntryName, manifestBytes, CompressionLevel.Optimal);
            // Weights barely compress; storing them keeps reading a plain copy.
            Add(zip, manifest.Weights, weights, CompressionLevel.NoCompression);
        }
        return manifest;
    }

    /// <summary>Writes the file to <paramref name="path"/> (replaced if present; never left half-written).</summary>
    public static NativeModelManifest Write(string path, nn.Module<Tensor, Tensor> module, string architecture, int width,
        IReadOnlyDictionary<string, string> training)
    {
        var temporary = path + ".partial";
        try
        {
            NativeModelManifest manifest;
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                manifest = Write(file, module, architecture, width, training);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
            return manifest;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void Add(ZipArchive zip, string name, byte[] content, CompressionLevel level)
    {
        var entry = zip.CreateEntry(name, level);
        entry.LastWriteTime = FixedTime;
        using var stream = entry.Open();
        stream.Write(content);
    }
}
