using System.Collections.Concurrent;
using System.Security.Cryptography;
using Contest.Contracts.V1;
using Contest.Core;

namespace Contest.Server.Datasets;

/// <summary>
/// A dataset in the bird-or-bicycle layout, <c>&lt;root&gt;/&lt;version&gt;/&lt;split&gt;/{bicycle,bird}/&lt;id&gt;.jpg</c>,
/// the folder being the label. A split's listing (with each file's SHA-256) is built on first use
/// and kept; the files are not expected to change while the server runs.
/// </summary>
internal sealed class FolderDatasetCatalog(string source, string versionDirectory, string generatorVersion, long seed) : IDatasetCatalog
{
    private static readonly string[] KnownSplits = ["train", "test", "extras", IDatasetCatalog.HiddenSplit];
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<CatalogFile>>> _splits = new();

    public string VersionDirectory => versionDirectory;

    public DatasetInfo Describe()
    {
        var info = new DatasetInfo
        {
            Source = source,
            Version = Path.GetFileName(versionDirectory.TrimEnd(Path.DirectorySeparatorChar)),
            GeneratorVersion = generatorVersion,
            Seed = seed,
        };
        foreach (var split in KnownSplits.Where(s => Directory.Exists(Path.Combine(versionDirectory, s))))
        {
            var files = Files(split);
            info.Splits.Add(new DatasetSplit
            {
                Name = split,
                Bicycle = files.Count(f => f.Label == ClassLabel.Bicycle),
                Bird = files.Count(f => f.Label == ClassLabel.Bird),
                Downloadable = split != IDatasetCatalog.HiddenSplit,
            });
        }
        return info;
    }

    public IReadOnlyList<CatalogFile> Files(string split)
    {
        if (!KnownSplits.Contains(split))
            return [];
        return _splits.GetOrAdd(split, s => new Lazy<IReadOnlyList<CatalogFile>>(() => List(s))).Value;
    }

    public Stream Open(string split, string path)
    {
        var file = Files(split).FirstOrDefault(f => f.Path == path)
            ?? throw new FileNotFoundException($"no file '{path}' in split '{split}'");
        return new FileStream(Path.Combine(versionDirectory, split, file.Path), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
    }

    private IReadOnlyList<CatalogFile> List(string split)
    {
        var files = new List<CatalogFile>();
        foreach (var label in new[] { ClassLabel.Bicycle, ClassLabel.Bird })
        {
            var folder = Path.Combine(versionDirectory, split, label.Name());
            if (!Directory.Exists(folder))
                continue;
            foreach (var path in Directory.EnumerateFiles(folder, "*.jpg").Order(StringComparer.Ordinal))
            {
                using var stream = File.OpenRead(path);
                var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
                var name = Path.GetFileName(path);
                files.Add(new CatalogFile($"{label.Name()}/{name}", label, stream.Length, sha, Path.GetFileNameWithoutExtension(name)));
            }
        }
        return files;
    }
}
