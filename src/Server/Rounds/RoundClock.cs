namespace Contest.Server.Rounds;

/// <summary>Every few seconds, closes rounds whose time has come and publishes rounds whose reviews are complete.</summary>
internal sealed partial class RoundClock(RoundPublisher publisher, TimeProvider clock, ILogger<RoundClock> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5), clock);
        do
        {
            try
            {
                publisher.Advance();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Error, Message = "Round check failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
