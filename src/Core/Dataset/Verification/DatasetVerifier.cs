using System.Collections.Concurrent;
using Contest.Core.Imaging;

namespace Contest.Core.Dataset.Verification;

/// <summary>
/// Checks a copy the way the original package did (every image 299x299, the expected number per
/// class) and more: every file decodes completely, and where a manifest exists every listed file is
/// there with the recorded SHA-256 and nothing else is. Each problem names its file.
/// </summary>
public static class DatasetVerifier
{
    /// <summary>Verifies every split present (for the real 0.0.4 release, train, test and extras must all be there).</summary>
    /// <param name="reader">The copy.</param>
    /// <param name="progress">Images checked of the total, from worker threads.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    public static VerificationReport Verify(DatasetReader reader, IProgress<DatasetProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var problems = new ConcurrentBag<DatasetProblem>();
        DatasetLayout.KnownRealCounts.TryGetValue(reader.Version, out var realCounts);
        var splits = reader.Splits;
        if (realCounts is not null)
        {
            foreach (var missing in realCounts.Keys.Where(s => !splits.Contains(s)))
                problems.Add(new DatasetProblem(missing.Name(), DatasetProblemKind.Missing, $"the {missing.Name()} split is missing."));
        }
        if (splits.Count == 0)
            problems.Add(new DatasetProblem(".", DatasetProblemKind.Missing, "no split folders (train, test, extras, eligibility)."));

        var listed = splits.Select(s => (Split: s, Entries: reader.List(s, cancellationToken))).ToList();
        var total = listed.Sum(l => l.Entries.Count);
        var done = 0;
        var gate = new Lock();
        var checks = new List<SplitCheck>();
        foreach (var (split, entries) in listed)
        {
            var manifest = ReadManifest(reader, split, problems);
            int? expected = manifest?.PerClass ?? (realCounts is not null && realCounts.TryGetValue(split, out var n) ? n : null);
            if (manifest is null && reader.IsSynthetic)
                problems.Add(new DatasetProblem($"{split.Name()}/{DatasetLayout.ManifestFileName}", DatasetProblemKind.Missing,
                    "the manifest is missing (an interrupted generation?); run `contest dataset generate` again."));
            CheckFolders(reader, split, problems);
            CheckCounts(split, entries, expected, problems);
            if (manifest is not null)
                CheckAgainstManifest(split, entries, manifest, problems);

            ParallelWork.For(entries.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                CheckImage(reader, entries[i], problems);
                if (progress is not null)
                {
                    lock (gate)
                        progress.Report(new DatasetProgress(++done, total));
                }
            });
            checks.Add(new SplitCheck(split, entries.Count(e => e.Label == ClassLabel.Bicycle), entries.Count(e => e.Label == ClassLabel.Bird), expected, manifest is not null));
        }
        var ordered = problems.OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Kind).ToList();
        return new VerificationReport(reader.VersionDirectory, reader.Version, checks, ordered);
    }

    private static SplitManifest? ReadManifest(DatasetReader reader, DatasetSplit split, ConcurrentBag<DatasetProblem> problems)
    {
        try
        {
            return reader.ReadManifest(split);
        }
        catch (DatasetException e)
        {
            problems.Add(new DatasetProblem($"{split.Name()}/{DatasetLayout.ManifestFileName}", DatasetProblemKind.BadManifest, e.Message));
            return null;
        }
    }

    private static void CheckFolders(DatasetReader reader, DatasetSplit split, ConcurrentBag<DatasetProblem> problems)
    {
        foreach (var label in new[] { ClassLabel.Bicycle, ClassLabel.Bird })
        {
            var folder = reader.ClassDirectory(split, label);
            if (!Directory.Exists(folder))
            {
                problems.Add(new DatasetProblem($"{split.Name()}/{label.Name()}", DatasetProblemKind.Missing, "the class folder is missing."));
                continue;
            }
            foreach (var other in Directory.EnumerateFileSystemEntries(folder).Where(p => !p.EndsWith(DatasetLayout.ImageExtension, StringComparison.Ordinal)))
                problems.Add(new DatasetProblem($"{split.Name()}/{label.Name()}/{Path.GetFileName(other)}", DatasetProblemKind.Unexpected, "not a .jpg image."));
        }
        foreach (var other in Directory.EnumerateFileSystemEntries(reader.SplitDirectory(split)))
        {
            var name = Path.GetFileName(other);
            if (name != ClassLabel.Bicycle.Name() && name != ClassLabel.Bird.Name() && name != DatasetLayout.ManifestFileName)
                problems.Add(new DatasetProblem($"{split.Name()}/{name}", DatasetProblemKind.Unexpected, "not a class folder (bicycle, bird)."));
        }
    }

    private static void CheckCounts(DatasetSplit split, IReadOnlyList<DatasetEntry> entries, int? expected, ConcurrentBag<DatasetProblem> problems)
    {
        if (expected is not { } perClass)
            return;
        foreach (var label in new[] { ClassLabel.Bicycle, ClassLabel.Bird })
        {
            var count = entries.Count(e => e.Label == label);
            if (count != perClass)
                problems.Add(new DatasetProblem($"{split.Name()}/{label.Name()}", DatasetProblemKind.WrongCount, $"{count} images, expected {perClass}."));
        }
    }

    private static void CheckAgainstManifest(DatasetSplit split, IReadOnlyList<DatasetEntry> entries, SplitManifest manifest,
        ConcurrentBag<DatasetProblem> problems)
    {
        var manifestPath = $"{split.Name()}/{DatasetLayout.ManifestFileName}";
        if (manifest.Split != split)
            problems.Add(new DatasetProblem(manifestPath, DatasetProblemKind.BadManifest, $"describes the {manifest.Split.Name()} split."));
        if (manifest.Images.Count != manifest.PerClass * 2)
            problems.Add(new DatasetProblem(manifestPath, DatasetProblemKind.BadManifest, $"lists {manifest.Images.Count} images, not 2 x {manifest.PerClass}."));
        var onDisk = entries.ToDictionary(e => e.RelativePath, StringComparer.Ordinal);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in manifest.Images)
        {
            listed.Add(image.File);
            if (!onDisk.TryGetValue(image.File, out var entry))
                problems.Add(new DatasetProblem(image.File, DatasetProblemKind.Missing, $"listed in the manifest ({image.Label.Name()} #{image.Index}) but not on disk."));
            else if (entry.Sha256 != image.Sha256)
                problems.Add(new DatasetProblem(image.File, DatasetProblemKind.HashMismatch, $"SHA-256 {entry.Sha256} differs from the manifest's {image.Sha256} (the file was changed)."));
        }
        foreach (var entry in entries.Where(e => !listed.Contains(e.RelativePath)))
            problems.Add(new DatasetProblem(entry.RelativePath, DatasetProblemKind.Unexpected, "not listed in the manifest."));
    }

    private static void CheckImage(DatasetReader reader, DatasetEntry entry, ConcurrentBag<DatasetProblem> problems)
    {
        var check = ImageDecoder.Check(reader.FullPath(entry));
        if (check.Error is { } error)
            problems.Add(new DatasetProblem(entry.RelativePath, DatasetProblemKind.Undecodable, error));
        else if (check.Width != DatasetLayout.ImageSize || check.Height != DatasetLayout.ImageSize)
            problems.Add(new DatasetProblem(entry.RelativePath, DatasetProblemKind.WrongSize,
                $"{check.Width}x{check.Height}, expected {DatasetLayout.ImageSize}x{DatasetLayout.ImageSize}."));
    }
}
