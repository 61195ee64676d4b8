using Contest.Server.Infrastructure;

namespace Contest.Server.Jobs;

/// <summary>Once a second, hands jobs whose worker went quiet back to the queue.</summary>
internal sealed partial class LeaseMonitor(JobQueue queue, TimeProvider clock, ILogger<LeaseMonitor> logger)
    : PeriodicWork(TimeSpan.FromSeconds(1), clock, logger)
{
    protected override string Name => "lease check";

    protected override void RunOnce()
    {
        var count = queue.ExpireLeases();
        if (count > 0)
            LogExpired(logger, count);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "{Count} job lease(s) lapsed; requeued or failed")]
    private static partial void LogExpired(ILogger logger, int count);
}
