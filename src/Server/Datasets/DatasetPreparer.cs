using System.Globalization;
using Contest.Core.Dataset;
using Contest.Core.Dataset.Generation;
using Contest.Server.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace Contest.Server.Datasets;

/// <summary>
/// At start, in the background: generates the synthetic set into the data directory (the first time
/// takes a couple of minutes; later starts only check the files), or opens the real copy given with
/// --dataset PATH. Progress goes to the log. The server answers meanwhile; jobs that need images wait.
/// </summary>
internal sealed partial class DatasetPreparer(
    ServerDataset dataset,
    IOptions<DatasetOptions> options,
    IOptions<StorageOptions> storage,
    ILogger<DatasetPreparer> logger)
    : BackgroundService
{
    public const string Synthetic = "synthetic";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Run(() => Prepare(stoppingToken), stoppingToken);

    private void Prepare(CancellationToken cancellationToken)
    {
        var o = options.Value;
        try
        {
            if (!string.Equals(o.Dataset.Trim(), Synthetic, StringComparison.OrdinalIgnoreCase))
            {
                var reader = DatasetReader.Open(Path.GetFullPath(o.Dataset));
                dataset.Ready(reader, Path.GetFileName(Path.GetFullPath(o.Dataset).TrimEnd('/')), 0);
                LogOpened(logger, reader.VersionDirectory);
                return;
            }
            var root = Path.Combine(storage.Value.DataDirectoryFullPath, "datasets", Synthetic);
            var generation = new GenerationOptions
            {
                Root = root,
                Seed = (ulong)o.DatasetSeed,
                EligibilitySeed = EligibilitySeedFile.ReadOrCreate(root),
                Counts = string.IsNullOrWhiteSpace(o.DatasetPerClass) ? SplitCounts.Default : SplitCounts.Parse(o.DatasetPerClass),
            };
            LogGenerating(logger, root, generation.Counts.TotalImages);
            var lastTenth = -1;
            var report = DatasetGenerator.Generate(generation, new Progress<DatasetProgress>(p =>
            {
                var percent = p.Total == 0 ? 100 : p.Done * 100 / p.Total;
                dataset.Report(string.Create(CultureInfo.InvariantCulture, $"the synthetic dataset is being generated ({percent}% of {p.Total} images)"));
                if (percent / 10 != Interlocked.Exchange(ref lastTenth, percent / 10))
                    LogProgress(logger, percent, p.Done, p.Total);
            }), cancellationToken);
            dataset.Ready(DatasetReader.Open(root), Synthetic, (ulong)o.DatasetSeed);
            LogReady(logger, report.Written, report.Kept, report.Elapsed.TotalSeconds, report.VersionDirectory);
        }
        catch (Exception e) when (e is DatasetException or IOException or ArgumentException or UnauthorizedAccessException)
        {
            dataset.Report($"the dataset could not be prepared: {e.Message}");
            LogFailed(logger, e.Message);
        }
    }

    [LoggerMessage(EventId = 50, Level = LogLevel.Information, Message = "Dataset: preparing the synthetic set in {Root} ({Images} images; the first start generates them)")]
    private static partial void LogGenerating(ILogger logger, string root, int images);

    [LoggerMessage(EventId = 51, Level = LogLevel.Information, Message = "Dataset: {Percent}% ({Done}/{Total} images)")]
    private static partial void LogProgress(ILogger logger, int percent, int done, int total);

    [LoggerMessage(EventId = 52, Level = LogLevel.Information, Message = "Dataset ready: {Written} images written, {Kept} kept, in {Seconds:F1} s ({Directory})")]
    private static partial void LogReady(ILogger logger, int written, int kept, double seconds, string directory);

    [LoggerMessage(EventId = 53, Level = LogLevel.Information, Message = "Dataset: using the copy in {Directory}")]
    private static partial void LogOpened(ILogger logger, string directory);

    [LoggerMessage(EventId = 54, Level = LogLevel.Error, Message = "Dataset could not be prepared: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
