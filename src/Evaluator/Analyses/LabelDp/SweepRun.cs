using System.Text.Json;
using Contest.ReferenceModels.LabelPrivacy;

namespace Contest.Evaluator.Analyses.LabelDp;

/// <summary>The sweep's methods: LP-1ST (one stage, plain RR), LP-2ST (two stages, RR-with-prior), and the non-private baseline.</summary>
internal enum SweepMethod
{
    NonPrivate,
    Lp1st,
    Lp2st,
}

/// <summary>One finished training run of the sweep.</summary>
/// <param name="Epsilon">+infinity for the non-private baseline.</param>
/// <param name="TestAccuracy">Plain accuracy (argmax) on the whole test split.</param>
/// <param name="Release">The run's label release, all stages together (empty for the baseline).</param>
internal sealed record SweepRun(double Epsilon, SweepMethod Method, long Seed, double TestAccuracy, StageRelease Release, double Seconds);

/// <summary>
/// The runs a sweep has finished, stored after each one so a sweep whose worker died continues where
/// it stopped. JSON, with "inf" for the baseline's epsilon.
/// </summary>
internal static class SweepProgressFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    public static void Save(string path, string settingsKey, IReadOnlyList<SweepRun> runs)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".part";
        File.WriteAllBytes(partial, JsonSerializer.SerializeToUtf8Bytes(new Saved(settingsKey, [.. runs]), Json));
        File.Move(partial, path, overwrite: true);
    }

    /// <summary>The runs stored for these settings; none when the file is for other settings or unreadable.</summary>
    public static IReadOnlyList<SweepRun> Load(string? path, string settingsKey)
    {
        if (path is null || !File.Exists(path) || new FileInfo(path).Length > 16 << 20)
            return [];
        try
        {
            var saved = JsonSerializer.Deserialize<Saved>(File.ReadAllBytes(path), Json);
            return saved is not null && saved.SettingsKey == settingsKey ? saved.Runs : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private sealed record Saved(string SettingsKey, List<SweepRun> Runs);
}
