using System.Text.Json;
using System.Text.Json.Serialization;

namespace Contest.Core.Dataset;

/// <summary>Reads and writes <see cref="SplitManifest"/> files (snake_case JSON, written atomically).</summary>
public static class ManifestFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The manifest path of a split below a version folder.</summary>
    public static string PathOf(string versionDirectory, DatasetSplit split) =>
        Path.Combine(versionDirectory, split.Name(), DatasetLayout.ManifestFileName);

    /// <summary>Reads a manifest; null when the file does not exist.</summary>
    /// <exception cref="DatasetException">The file exists but is not a valid manifest.</exception>
    public static SplitManifest? Read(string path)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            using var stream = File.OpenRead(path);
            var manifest = JsonSerializer.Deserialize<SplitManifest>(stream, Options)
                ?? throw new DatasetException($"{path} is empty.");
            if (manifest.Format != SplitManifest.CurrentFormat)
                throw new DatasetException($"{path} has manifest format {manifest.Format}; this version reads format {SplitManifest.CurrentFormat}.");
            return manifest;
        }
        catch (JsonException e)
        {
            throw new DatasetException($"{path} is not a valid manifest: {e.Message}", e);
        }
    }

    /// <summary>Writes a manifest to a temporary file, then renames it into place.</summary>
    public static void Write(string path, SplitManifest manifest)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, manifest, Options);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
