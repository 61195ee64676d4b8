using Contest.Server.Infrastructure;

namespace Contest.Server.Rounds;

/// <summary>Every few seconds, closes rounds whose time has come and publishes rounds whose reviews are complete.</summary>
internal sealed class RoundClock(RoundPublisher publisher, TimeProvider clock, ILogger<RoundClock> logger)
    : PeriodicWork(TimeSpan.FromSeconds(5), clock, logger)
{
    protected override string Name => "round check";

    // A round that closed while the server was down is settled at start, not five seconds later.
    protected override bool RunsAtStart => true;

    protected override void RunOnce() => publisher.Advance();
}
