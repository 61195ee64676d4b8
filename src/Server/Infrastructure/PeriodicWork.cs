namespace Contest.Server.Infrastructure;

/// <summary>
/// A hosted service that does one piece of upkeep at a fixed period on the injected clock (so tests
/// move it with a fake one). A failure is logged and the next tick tries again: one bad record never
/// stops the upkeep for good.
/// </summary>
internal abstract partial class PeriodicWork(TimeSpan period, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>What the failure line calls this work ("lease check").</summary>
    protected abstract string Name { get; }

    /// <summary>Whether to run once at start, before the first period has passed.</summary>
    protected virtual bool RunsAtStart => false;

    /// <summary>One round of the upkeep.</summary>
    protected abstract void RunOnce();

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period, clock);
        if (RunsAtStart)
            Run();
        while (await timer.WaitForNextTickAsync(stoppingToken))
            Run();
    }

    private void Run()
    {
        try
        {
            RunOnce();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, Name, e);
        }
    }

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "The {Work} failed; it runs again at the next tick")]
    private static partial void LogFailed(ILogger logger, string work, Exception exception);
}
