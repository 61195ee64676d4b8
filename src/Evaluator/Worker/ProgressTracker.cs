using Contest.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace Contest.Evaluator.Worker;

/// <summary>
/// A running job's latest progress as its host last heard it, turned into the heartbeat's
/// <see cref="JobProgress"/>: the rate and ETA are over the current phase, timed from when it began
/// (and counted from where it began, for a phase resumed part-way).
/// </summary>
internal sealed class ProgressTracker(TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private long _phaseStarted = timeProvider.GetTimestamp();
    private string _phase = "";
    private long _done;
    private long _doneAtPhaseStart;
    private long _total;
    private string _message = "";

    public string Phase
    {
        get
        {
            lock (_gate)
                return _phase;
        }
    }

    public void Set(string phase, long done, long total, string message)
    {
        lock (_gate)
        {
            if (phase != _phase)
            {
                _phaseStarted = timeProvider.GetTimestamp();
                // A resumed phase (training from a checkpoint) starts part-way: its rate counts only what this run did.
                _doneAtPhaseStart = done;
            }
            (_phase, _done, _total, _message) = (phase, done, total, message);
        }
    }

    public JobProgress ToProto(string jobId)
    {
        lock (_gate)
        {
            var seconds = timeProvider.GetElapsedTime(_phaseStarted).TotalSeconds;
            var rate = seconds > 0 ? Math.Max(0, _done - _doneAtPhaseStart) / seconds : 0;
            return new JobProgress
            {
                JobId = jobId,
                Status = JobStatus.Running,
                Phase = _phase,
                Done = _done,
                Total = _total,
                Rate = rate,
                EtaSeconds = rate > 0 && _total > _done ? (_total - _done) / rate : 0,
                Message = _message,
                UpdatedAt = Timestamp.FromDateTimeOffset(timeProvider.GetUtcNow()),
            };
        }
    }
}
