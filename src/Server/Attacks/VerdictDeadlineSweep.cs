using Contest.Server.Infrastructure;

namespace Contest.Server.Attacks;

/// <summary>
/// Once a second, settles attacks whose verdicts are past their deadline, so the deadline holds
/// even when the submitter hung up and nobody waits in <see cref="AttackSubmitter"/>.
/// </summary>
internal sealed partial class VerdictDeadlineSweep(OverdueVerdicts overdue, TimeProvider clock, ILogger<VerdictDeadlineSweep> logger)
    : PeriodicWork(TimeSpan.FromSeconds(1), clock, logger)
{
    protected override string Name => "verdict deadline check";

    protected override void RunOnce()
    {
        var count = overdue.CancelPastDeadline();
        if (count > 0)
            LogSettled(logger, count);
    }

    [LoggerMessage(EventId = 70, Level = LogLevel.Warning, Message = "{Count} attack(s) past their verdict deadline; outstanding verdicts cancelled")]
    private static partial void LogSettled(ILogger logger, int count);
}
