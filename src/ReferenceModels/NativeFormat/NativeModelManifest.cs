using System.Text.Json.Serialization;
using Contest.Core.Models;

namespace Contest.ReferenceModels.NativeFormat;

/// <summary>
/// <c>contest-model.json</c>, the manifest of a native model file: which network the weights belong
/// to (architecture, its code version, width), what it takes and gives, and a hash binding the
/// weights to it. <see cref="Training"/> records how the model was made (the plan's <c>Describe()</c>).
/// </summary>
public sealed record NativeModelManifest
{
    /// <summary>The value of <see cref="Format"/> in every native model file.</summary>
    public const string FormatName = "contest-native";

    /// <summary>The layout version this build writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The manifest's entry name in the ZIP; its presence is what makes a ZIP a native model file.</summary>
    public const string EntryName = ModelFormatSniffer.NativeManifestEntry;

    /// <summary>The weights' entry name this build writes.</summary>
    public const string DefaultWeightsEntryName = "weights.bin";

    [JsonPropertyName("format")]
    public required string Format { get; init; }

    [JsonPropertyName("format_version")]
    public required int FormatVersion { get; init; }

    [JsonPropertyName("architecture")]
    public required string Architecture { get; init; }

    [JsonPropertyName("architecture_version")]
    public required int ArchitectureVersion { get; init; }

    /// <summary>Channels of the first stage (always 64 for resnet18).</summary>
    [JsonPropertyName("width")]
    public required int Width { get; init; }

    /// <summary>The logit columns' classes, in order: ["bicycle", "bird"].</summary>
    [JsonPropertyName("classes")]
    public required IReadOnlyList<string> Classes { get; init; }

    [JsonPropertyName("input")]
    public required NativeModelInput Input { get; init; }

    /// <summary>The ZIP entry holding the weights, in TorchSharp's <c>module.save</c> format.</summary>
    [JsonPropertyName("weights")]
    public required string Weights { get; init; }

    /// <summary>The weights entry's SHA-256, lowercase hex.</summary>
    [JsonPropertyName("weights_sha256")]
    public required string WeightsSha256 { get; init; }

    /// <summary>Trainable scalars (the sum of every parameter's element count; buffers not counted).</summary>
    [JsonPropertyName("parameter_count")]
    public required long ParameterCount { get; init; }

    /// <summary>How the model was trained, as name=value pairs.</summary>
    [JsonPropertyName("training")]
    public required IReadOnlyDictionary<string, string> Training { get; init; }
}
