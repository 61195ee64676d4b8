namespace Contest.Server.Jobs;

/// <summary>Once a second, hands jobs whose worker went quiet back to the queue.</summary>
internal sealed partial class LeaseMonitor(JobQueue queue, TimeProvider clock, ILogger<LeaseMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var count = queue.ExpireLeases();
                if (count > 0)
                    LogExpired(logger, count);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "{Count} job lease(s) lapsed; requeued or failed")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "Lease check failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
