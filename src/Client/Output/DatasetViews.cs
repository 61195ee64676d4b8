using System.Text.Json.Nodes;
using Contest.Core.Dataset;
using Contest.Core.Dataset.Generation;
using Contest.Core.Dataset.Verification;

namespace Contest.Client.Output;

/// <summary>The --json shapes of the dataset commands (snake_case; add fields, never rename them).</summary>
internal static class DatasetViews
{
    public static JsonObject Generation(GenerationReport report) => new()
    {
        ["version_directory"] = report.VersionDirectory,
        ["written"] = report.Written,
        ["kept"] = report.Kept,
        ["elapsed_seconds"] = Math.Round(report.Elapsed.TotalSeconds, 3),
        ["images_per_second"] = Math.Round(report.WrittenPerSecond, 1),
        ["splits"] = new JsonArray(report.Splits.Select(s => (JsonNode)new JsonObject
        {
            ["split"] = s.Split.Name(),
            ["per_class"] = s.PerClass,
            ["seed"] = s.Seed,
            ["written"] = s.Written,
            ["kept"] = s.Kept,
            ["removed"] = s.Removed,
        }).ToArray()),
    };

    public static JsonObject Benchmark(BenchmarkReport report) => new()
    {
        ["images"] = report.Images,
        ["threads"] = report.Parallelism,
        ["generation_images_per_second"] = Math.Round(report.Generation, 1),
        ["encode_only_images_per_second"] = Math.Round(report.Encoding, 1),
        ["ratio"] = Math.Round(report.Ratio, 3),
        ["generation_rounds"] = new JsonArray(report.GenerationRates.Select(r => (JsonNode)Math.Round(r, 1)).ToArray()),
        ["encode_only_rounds"] = new JsonArray(report.EncodeRates.Select(r => (JsonNode)Math.Round(r, 1)).ToArray()),
    };

    public static JsonObject Verification(VerificationReport report) => new()
    {
        ["version"] = report.Version,
        ["version_directory"] = report.VersionDirectory,
        ["clean"] = report.IsClean,
        ["images_checked"] = report.ImagesChecked,
        ["splits"] = new JsonArray(report.Splits.Select(s => (JsonNode)new JsonObject
        {
            ["split"] = s.Split.Name(),
            ["bicycles"] = s.Bicycles,
            ["birds"] = s.Birds,
            ["expected_per_class"] = s.ExpectedPerClass,
            ["manifest"] = s.HasManifest,
        }).ToArray()),
        ["problems"] = new JsonArray(report.Problems.Select(p => (JsonNode)new JsonObject
        {
            ["path"] = p.Path,
            ["kind"] = Kind(p.Kind),
            ["message"] = p.Message,
        }).ToArray()),
    };

    private static string Kind(DatasetProblemKind kind) => kind switch
    {
        DatasetProblemKind.Missing => "missing",
        DatasetProblemKind.WrongCount => "wrong_count",
        DatasetProblemKind.WrongSize => "wrong_size",
        DatasetProblemKind.Undecodable => "undecodable",
        DatasetProblemKind.HashMismatch => "hash_mismatch",
        DatasetProblemKind.Unexpected => "unexpected",
        _ => "bad_manifest",
    };
}
