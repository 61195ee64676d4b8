using Contest.Evaluator.Data;

namespace Contest.Evaluator.Jobs;

/// <summary>Inside a job process: reports progress to the host as <see cref="ProgressLine"/>s, at most a few times a second.</summary>
public sealed class JobProgressReporter(TextWriter output) : IPhaseProgress
{
    private readonly Lock _gate = new();
    private DateTime _lastWrite = DateTime.MinValue;
    private string _phase = "";

    public void Report(string phase, long done, long total, long forwardImages = 0, string message = "")
    {
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            var phaseChanged = phase != _phase;
            if (!phaseChanged && done < total && now - _lastWrite < TimeSpan.FromMilliseconds(250))
                return;
            _phase = phase;
            _lastWrite = now;
            output.WriteLine(new ProgressLine(phase, done, total, forwardImages, message).Format());
            output.Flush();
        }
    }
}
