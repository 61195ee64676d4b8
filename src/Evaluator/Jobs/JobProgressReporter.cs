using Contest.Evaluator.Data;

namespace Contest.Evaluator.Jobs;

/// <summary>
/// Inside a job process: reports progress to the host as <see cref="ProgressLine"/>s. A new phase and
/// a phase's last item are always written; other reports at most every 250 ms, so a fast loop does
/// not flood the host's output pipe.
/// </summary>
public sealed class JobProgressReporter(TextWriter output, TimeProvider timeProvider) : IPhaseProgress
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(250);
    private readonly Lock _gate = new();
    private DateTimeOffset _lastWrite = DateTimeOffset.MinValue;
    private string _phase = "";

    public void Report(string phase, long done, long total, long forwardImages = 0, string message = "")
    {
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            var phaseChanged = phase != _phase;
            if (!phaseChanged && done < total && now - _lastWrite < MinimumInterval)
                return;
            _phase = phase;
            _lastWrite = now;
            output.WriteLine(new ProgressLine(phase, done, total, forwardImages, message).Format());
            output.Flush();
        }
    }
}
