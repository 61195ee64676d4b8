using System.Diagnostics;
using System.Security.Cryptography;
using Contest.Core.Dataset.Synthetic;

namespace Contest.Core.Dataset.Generation;

/// <summary>
/// Writes the embedded bird-or-bicycle dataset in the real layout, one split after another, images
/// rendered in parallel. Every image depends only on (seed, split, class, index), so the output is
/// the same however many threads run. Files are written to a temporary name and renamed, and a
/// split's manifest is written last, so an interrupted run never leaves a half-written JPEG or a
/// manifest that promises files that are not there. Re-running over a complete split only hashes
/// the files it already has.
/// </summary>
public static class DatasetGenerator
{
    private const string TemporarySuffix = ".tmp";

    /// <summary>Generates every split with a non-zero count.</summary>
    /// <param name="options">Where and what to generate.</param>
    /// <param name="progress">Images done of the total, reported from worker threads, never backwards.</param>
    /// <param name="cancellationToken">Stops between images; the split in progress keeps no manifest.</param>
    public static GenerationReport Generate(GenerationOptions options, IProgress<DatasetProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var versionDirectory = Path.Combine(Path.GetFullPath(options.Root), SyntheticDataset.VersionName);
        var counter = new ProgressCounter(options.Counts.TotalImages, progress);
        var reports = new List<SplitGenerationReport>();
        foreach (var split in DatasetSplits.All)
        {
            if (options.Counts[split] > 0)
                reports.Add(GenerateSplit(options, versionDirectory, split, counter, cancellationToken));
        }
        return new GenerationReport(versionDirectory, reports, clock.Elapsed);
    }

    private static SplitGenerationReport GenerateSplit(GenerationOptions options, string versionDirectory, DatasetSplit split,
        ProgressCounter counter, CancellationToken cancellationToken)
    {
        var seed = options.SeedFor(split);
        var perClass = options.Counts[split];
        var keys = new[] { ClassLabel.Bicycle, ClassLabel.Bird }
            .SelectMany(label => Enumerable.Range(0, perClass).Select(i => new ImageKey(seed, split, label, i)))
            .ToArray();
        var manifestPath = ManifestFile.PathOf(versionDirectory, split);
        var previous = ReusableManifest(manifestPath, seed, split, perClass);
        foreach (var label in new[] { ClassLabel.Bicycle, ClassLabel.Bird })
        {
            var folder = Path.Combine(versionDirectory, split.Name(), label.Name());
            Directory.CreateDirectory(folder);
            foreach (var leftover in Directory.EnumerateFiles(folder, "*" + TemporarySuffix))
                File.Delete(leftover);
        }

        // Keep what is intact; any change to the split first removes its manifest, so an interrupted
        // run cannot leave a manifest that disagrees with the files.
        var images = new ManifestImage?[keys.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelism), CancellationToken = cancellationToken };
        if (previous is not null)
        {
            ParallelWork.For(keys.Length, parallel, i =>
            {
                // The path comes from the key, never from the manifest's text.
                var known = previous[i];
                var relative = DatasetLayout.RelativePath(split, keys[i].Label, keys[i].Id);
                var path = Path.Combine(versionDirectory, relative);
                if (known.File == relative && known.Id == keys[i].Id && File.Exists(path) && new FileInfo(path).Length == known.SizeBytes && Sha256Of(path) == known.Sha256)
                    images[i] = known;
            });
        }
        var stale = StaleFiles(versionDirectory, split, keys);
        var written = 0;
        if (images.Any(image => image is null) || stale.Count > 0)
        {
            File.Delete(manifestPath);
            foreach (var path in stale)
                File.Delete(path);
        }
        ParallelWork.For(keys.Length, parallel, i =>
        {
            if (images[i] is null)
            {
                images[i] = Write(versionDirectory, keys[i]);
                Interlocked.Increment(ref written);
            }
            counter.Advance();
        });
        if (written > 0 || stale.Count > 0 || !File.Exists(manifestPath))
        {
            ManifestFile.Write(manifestPath, new SplitManifest
            {
                Version = SyntheticDataset.VersionName,
                GeneratorVersion = SyntheticDataset.GeneratorVersion,
                Seed = seed,
                Split = split,
                PerClass = perClass,
                Images = images!,
            });
        }
        return new SplitGenerationReport(split, seed, perClass, written, keys.Length - written, stale.Count);
    }

    /// <summary>The previous manifest's images when it describes exactly this split (same generator, seed and size).</summary>
    private static IReadOnlyList<ManifestImage>? ReusableManifest(string path, ulong seed, DatasetSplit split, int perClass)
    {
        SplitManifest? manifest;
        try
        {
            manifest = ManifestFile.Read(path);
        }
        catch (DatasetException)
        {
            return null;
        }
        return manifest is { GeneratorVersion: SyntheticDataset.GeneratorVersion } && manifest.Seed == seed && manifest.Split == split &&
               manifest.PerClass == perClass && manifest.Images.Count == perClass * 2
            ? manifest.Images
            : null;
    }

    private static List<string> StaleFiles(string versionDirectory, DatasetSplit split, ImageKey[] keys)
    {
        var wanted = keys.Select(k => Path.GetFullPath(Path.Combine(versionDirectory, DatasetLayout.RelativePath(split, k.Label, k.Id))))
            .ToHashSet(StringComparer.Ordinal);
        return new[] { ClassLabel.Bicycle, ClassLabel.Bird }
            .SelectMany(label => Directory.EnumerateFiles(Path.Combine(versionDirectory, split.Name(), label.Name()), "*" + DatasetLayout.ImageExtension))
            .Where(path => !wanted.Contains(Path.GetFullPath(path)))
            .ToList();
    }

    private static ManifestImage Write(string versionDirectory, ImageKey key)
    {
        var image = SceneRenderer.Render(key);
        var id = key.Id;
        var relative = DatasetLayout.RelativePath(key.Split, key.Label, id);
        var path = Path.Combine(versionDirectory, relative);
        var temporary = path + TemporarySuffix;
        File.WriteAllBytes(temporary, image.Jpeg);
        File.Move(temporary, path, overwrite: true);
        return new ManifestImage(id, key.Label, key.Index, relative, image.Kind, image.Box, image.Jpeg.Length,
            Convert.ToHexStringLower(SHA256.HashData(image.Jpeg)));
    }

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Counts finished images across threads and reports them in order.</summary>
    private sealed class ProgressCounter(int total, IProgress<DatasetProgress>? progress)
    {
        private readonly Lock _lock = new();
        private int _done;

        public void Advance()
        {
            if (progress is null)
                return;
            lock (_lock)
                progress.Report(new DatasetProgress(++_done, total));
        }
    }
}
