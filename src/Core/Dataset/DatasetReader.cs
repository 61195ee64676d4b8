using System.Security.Cryptography;

namespace Contest.Core.Dataset;

/// <summary>
/// Reads a bird-or-bicycle copy, real or generated, from the same layout:
/// <c>&lt;root&gt;/&lt;version&gt;/&lt;split&gt;/{bicycle,bird}/&lt;id&gt;.jpg</c>. The root may hold the version
/// folder(s) or be a version folder itself. Labels come from folder names. Safe to share between threads.
/// </summary>
public sealed class DatasetReader
{
    private DatasetReader(string versionDirectory)
    {
        VersionDirectory = versionDirectory;
        Version = Path.GetFileName(versionDirectory);
    }

    /// <summary>The version folder, e.g. ".../bird-or-bicycle/0.0.4".</summary>
    public string VersionDirectory { get; }

    /// <summary>The version folder's name: "0.0.4" for the real release, "synthetic-1" for the generated one.</summary>
    public string Version { get; }

    /// <summary>Whether this is a generated copy (its splits carry manifests).</summary>
    public bool IsSynthetic => Version.StartsWith("synthetic-", StringComparison.Ordinal) ||
                               Splits.Any(s => File.Exists(ManifestFile.PathOf(VersionDirectory, s)));

    /// <summary>The splits present on disk, in the order of <see cref="DatasetSplits.All"/>.</summary>
    public IReadOnlyList<DatasetSplit> Splits =>
        DatasetSplits.All.Where(s => Directory.Exists(SplitDirectory(s))).ToList();

    /// <summary>
    /// Opens a copy. <paramref name="root"/> may contain version folders or be one; with several
    /// versions under it, <paramref name="version"/> picks one.
    /// </summary>
    /// <exception cref="DatasetException">Nothing readable there, or several versions and none chosen.</exception>
    public static DatasetReader Open(string root, string? version = null)
    {
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
            throw new DatasetException($"{root} does not exist.");
        if (version is not null)
        {
            if (HasSplits(Path.Combine(full, version)))
                return new DatasetReader(Path.Combine(full, version));
            if (Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar)) == version && HasSplits(full))
                return new DatasetReader(full);
            throw new DatasetException($"{root} has no version {version} (expected {Path.Combine(root, version)}/{{train,test,extras}}/{{bicycle,bird}}/*.jpg).");
        }
        if (HasSplits(full))
            return new DatasetReader(full.TrimEnd(Path.DirectorySeparatorChar));
        var versions = Directory.EnumerateDirectories(full).Where(HasSplits).Order(StringComparer.Ordinal).ToList();
        return versions.Count switch
        {
            1 => new DatasetReader(versions[0]),
            0 => throw new DatasetException(
                $"{root} holds no bird-or-bicycle data: expected {root}/<version>/{{train,test,extras}}/{{bicycle,bird}}/<id>.jpg " +
                $"(version {DatasetLayout.RealVersion} for the real release, {SyntheticDataset.VersionName} for the generated one)."),
            _ => throw new DatasetException(
                $"{root} holds several versions ({string.Join(", ", versions.Select(Path.GetFileName))}); choose one."),
        };
    }

    /// <summary>A split's folder (it may not exist).</summary>
    public string SplitDirectory(DatasetSplit split) => Path.Combine(VersionDirectory, split.Name());

    /// <summary>A class folder of a split (it may not exist).</summary>
    public string ClassDirectory(DatasetSplit split, ClassLabel label) => Path.Combine(SplitDirectory(split), label.Name());

    /// <summary>The absolute path of an entry.</summary>
    public string FullPath(DatasetEntry entry) => Path.Combine(VersionDirectory, entry.RelativePath);

    /// <summary>Opens an entry's file for reading.</summary>
    public Stream OpenRead(DatasetEntry entry) => File.OpenRead(FullPath(entry));

    /// <summary>A split's manifest, or null when it has none (real copies never do).</summary>
    /// <exception cref="DatasetException">A manifest exists but cannot be read.</exception>
    public SplitManifest? ReadManifest(DatasetSplit split) => ManifestFile.Read(ManifestFile.PathOf(VersionDirectory, split));

    /// <summary>
    /// The JPEG files of a split, bicycles then birds, each class ordered by id, with sizes and the
    /// SHA-256 of their bytes as read now (files are hashed in parallel). Empty for a missing split.
    /// </summary>
    public IReadOnlyList<DatasetEntry> List(DatasetSplit split, CancellationToken cancellationToken = default)
    {
        var files = new List<(string Path, ClassLabel Label)>();
        foreach (var label in new[] { ClassLabel.Bicycle, ClassLabel.Bird })
        {
            var folder = ClassDirectory(split, label);
            if (!Directory.Exists(folder))
                continue;
            files.AddRange(Directory.EnumerateFiles(folder, "*" + DatasetLayout.ImageExtension)
                .Order(StringComparer.Ordinal)
                .Select(path => (path, label)));
        }
        var entries = new DatasetEntry[files.Count];
        ParallelWork.For(files.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var (path, label) = files[i];
            var id = Path.GetFileNameWithoutExtension(path);
            using var stream = File.OpenRead(path);
            var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
            entries[i] = new DatasetEntry(id, label, split, DatasetLayout.RelativePath(split, label, id), stream.Length, sha);
        });
        return entries;
    }

    private static bool HasSplits(string directory) =>
        Directory.Exists(directory) && DatasetSplits.All.Any(s => Directory.Exists(Path.Combine(directory, s.Name())));
}
