namespace Contest.Server.Attacks;

/// <summary>
/// Once a second, settles attacks whose verdicts are past their deadline, so the deadline holds
/// even when the submitter hung up and nobody waits in <see cref="AttackSubmitter"/>.
/// </summary>
internal sealed partial class VerdictDeadlineSweep(OverdueVerdicts overdue, TimeProvider clock, ILogger<VerdictDeadlineSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var count = overdue.CancelPastDeadline();
                if (count > 0)
                    LogSettled(logger, count);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 70, Level = LogLevel.Warning, Message = "{Count} attack(s) past their verdict deadline; outstanding verdicts cancelled")]
    private static partial void LogSettled(ILogger logger, int count);

    [LoggerMessage(EventId = 71, Level = LogLevel.Error, Message = "Verdict deadline check failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
