using System.Collections.Concurrent;
using Contest.Contracts.V1;
using Contest.Core;
using Contest.Core.Dataset;
using Contest.Server.Jobs;

namespace Contest.Server.Datasets;

/// <summary>
/// The dataset the server evaluates on, once prepared (generated or opened in the background at
/// start): its splits' listings are computed once and kept. Until it is ready, the catalog is empty
/// and <see cref="Status"/> says why, so jobs that need images wait instead of failing.
/// </summary>
internal sealed class ServerDataset : IDatasetCatalog, IJobGate
{
    private readonly ConcurrentDictionary<Core.Dataset.DatasetSplit, Lazy<IReadOnlyList<CatalogFile>>> _listings = new();
    private volatile DatasetReader? _reader;
    private volatile string _status = "the dataset is being prepared";
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _source = "";
    private ulong _seed;

    public bool IsReady => _reader is not null;

    /// <summary>Jobs wait while the images are being prepared.</summary>
    bool IJobGate.IsOpen => IsReady;

    /// <summary>Why the dataset is not ready yet (generation progress, or an error).</summary>
    public string Status => _status;

    /// <summary>Completes once the images are there.</summary>
    public Task WhenReady => _ready.Task;

    public void Report(string status) => _status = status;

    public void Ready(DatasetReader reader, string source, ulong seed)
    {
        _source = source;
        _seed = seed;
        _reader = reader;
        _status = "ready";
        _ready.TrySetResult();
    }

    public DatasetInfo Describe()
    {
        var info = new DatasetInfo { Source = _source, Version = _reader?.Version ?? "", Seed = (long)_seed };
        if (_reader is { IsSynthetic: true })
            info.GeneratorVersion = SyntheticDataset.GeneratorVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (_reader is null)
            return info;
        foreach (var split in _reader.Splits)
        {
            info.Splits.Add(new Contracts.V1.DatasetSplit
            {
                Name = split.Name(),
                // Counting files, not listing them: a listing hashes every image (extras alone are 27,500).
                Bicycle = CountImages(_reader, split, ClassLabel.Bicycle),
                Bird = CountImages(_reader, split, ClassLabel.Bird),
                Downloadable = split != Core.Dataset.DatasetSplit.Eligibility,
            });
        }
        return info;
    }

    private static int CountImages(DatasetReader reader, Core.Dataset.DatasetSplit split, ClassLabel label)
    {
        var folder = reader.ClassDirectory(split, label);
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*" + DatasetLayout.ImageExtension).Count() : 0;
    }

    public IReadOnlyList<CatalogFile> Files(string split)
    {
        var reader = _reader;
        if (reader is null || !DatasetSplits.TryParse(split, out var parsed))
            return [];
        return _listings.GetOrAdd(parsed, s => new Lazy<IReadOnlyList<CatalogFile>>(() => reader.List(s)
            .Select(e => new CatalogFile(e.RelativePath[(s.Name().Length + 1)..], e.Label, e.SizeBytes, e.Sha256, e.Id))
            .ToList())).Value;
    }

    public Stream Open(string split, string path)
    {
        var reader = _reader ?? throw new InvalidOperationException(_status);
        var file = Files(split).FirstOrDefault(f => f.Path == path) ?? throw new FileNotFoundException($"no file '{path}' in split '{split}'");
        return new FileStream(Path.Combine(reader.VersionDirectory, split, file.Path), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
    }
}
