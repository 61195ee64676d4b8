using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Contest.Core;
using Contest.Core.Rules;
using Contest.Core.Training;

namespace Contest.ReferenceModels.NativeFormat;

/// <summary>
/// What a manifest must say for this build to load the weights it names, shared by the writer (which
/// never writes a file the reader would refuse) and the reader. Each rule fails with its own sentence.
/// </summary>
internal static class NativeManifestRules
{
    public const int MinWidth = 4;
    public const int MaxWidth = 256;
    public const int ResNet18Width = 64;
    private const int MaxTrainingEntries = 200;
    private const int MaxTrainingTextLength = 2000;

    public static IReadOnlyList<string> Classes { get; } = [ClassLabel.Bicycle.Name(), ClassLabel.Bird.Name()];

    public static NativeModelInput Input { get; } = new([-1, ImageSpec.Channels, ImageSpec.Side, ImageSpec.Side], [0, 1]);

    public static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 8,
    };

    /// <summary>The width the network really has: resnet18's is fixed, whatever a plan asked for.</summary>
    public static int EffectiveWidth(string architecture, int width) =>
        architecture == ArchitectureNames.ResNet18Name ? ResNet18Width : width;

    /// <summary>Refuses a manifest this build cannot load, naming the field.</summary>
    public static void Check(NativeModelManifest manifest)
    {
        if (manifest.Format != NativeModelManifest.FormatName)
            throw Refuse($"the manifest's format is '{Clip(manifest.Format)}', not '{NativeModelManifest.FormatName}'.");
        if (manifest.FormatVersion != NativeModelManifest.CurrentFormatVersion)
            throw Refuse(Invariant(
                $"the manifest's format_version is {manifest.FormatVersion}; this build reads version {NativeModelManifest.CurrentFormatVersion} only."));
        if (!ArchitectureNames.Versions.TryGetValue(manifest.Architecture, out var version))
            throw Refuse($"unknown architecture '{Clip(manifest.Architecture)}'; this build knows {string.Join(", ", ArchitectureNames.Names)}.");
        if (manifest.ArchitectureVersion != version)
            throw Refuse(Invariant(
                $"the weights are for {manifest.Architecture} version {manifest.ArchitectureVersion}, but this build's {manifest.Architecture} is version {version}: the same names would mean a different network."));
        if (manifest.Architecture == ArchitectureNames.ResNet18Name && manifest.Width != ResNet18Width)
            throw Refuse(Invariant($"resnet18 has width {ResNet18Width}; the manifest says {manifest.Width}."));
        if (manifest.Width is < MinWidth or > MaxWidth)
            throw Refuse(Invariant($"width {manifest.Width} is out of range: {MinWidth}-{MaxWidth}."));
        if (!manifest.Classes.SequenceEqual(Classes))
            throw Refuse($"the classes are [{string.Join(", ", manifest.Classes.Select(Clip))}]; the contest's logits are [{string.Join(", ", Classes)}] in that order.");
        if (!manifest.Input.Shape.SequenceEqual(Input.Shape) || !manifest.Input.Range.SequenceEqual(Input.Range))
            throw Refuse(Invariant(
                $"the input is shape [{string.Join(", ", manifest.Input.Shape)}] in [{string.Join(", ", manifest.Input.Range)}]; the contest's is [-1, 3, 224, 224] in [0, 1]."));
        if (!IsPlainEntryName(manifest.Weights))
            throw Refuse($"the weights entry name '{Clip(manifest.Weights)}' is not a plain file name (1-100 letters, digits, '.', '-', '_', and not the manifest's).");
        if (manifest.WeightsSha256.Length != 64 || !manifest.WeightsSha256.All(char.IsAsciiHexDigitLower))
            throw Refuse("weights_sha256 must be the weights' SHA-256 as 64 lowercase hex characters.");
        if (manifest.ParameterCount <= 0)
            throw Refuse(Invariant($"parameter_count must be positive; the manifest says {manifest.ParameterCount}."));
        if (manifest.Training.Any(p => p.Value is null))
            throw Refuse("every value of the training record must be a string.");
        if (manifest.Training.Count > MaxTrainingEntries
            || manifest.Training.Any(p => p.Key.Length > MaxTrainingTextLength || p.Value.Length > MaxTrainingTextLength))
            throw Refuse(Invariant(
                $"the training record is too large: at most {MaxTrainingEntries} entries of at most {MaxTrainingTextLength} characters."));
    }

    public static NativeModelException Refuse(string reason) => new($"not a usable native model file: {reason}");

    private static bool IsPlainEntryName(string name) =>
        name.Length is >= 1 and <= 100
        && name != NativeModelManifest.EntryName
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
        && name.Trim('.').Length > 0;

    // A hostile manifest's strings end up in messages: keep them short.
    private static string Clip(string? text) => text is null ? "null" : text.Length <= 60 ? text : text[..60] + "...";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
