using Contest.Server.Datasets;
using Microsoft.Extensions.Options;

namespace Contest.Server.References;

/// <summary>
/// At start, in the background: waits until the dataset is ready (generation takes minutes on a first
/// start), then queues the built-in baselines if they are due (<see cref="BaselineSeeding"/>).
/// </summary>
internal sealed partial class BaselineSeeder(
    ServerDataset dataset, BaselineSeeding seeding, IOptions<ReferenceOptions> options, ILogger<BaselineSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.NoBaselines)
        {
            LogSwitchedOff(logger);
            return;
        }
        await dataset.WhenReady.WaitAsync(stoppingToken);
        try
        {
            foreach (var reference in seeding.QueueOnce())
                LogQueued(logger, reference.Name, reference.Id, reference.JobId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Baselines: queued {Name} ({Reference}, training job {Job})")]
    private static partial void LogQueued(ILogger logger, string name, string reference, string job);

    [LoggerMessage(EventId = 121, Level = LogLevel.Information, Message = "Baselines: not queued (--no-baselines)")]
    private static partial void LogSwitchedOff(ILogger logger);

    [LoggerMessage(EventId = 122, Level = LogLevel.Error, Message = "Baselines could not be queued; the next start tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
