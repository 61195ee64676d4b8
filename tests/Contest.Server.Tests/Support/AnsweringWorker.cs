using Contest.Contracts.V1;
using Contest.Server.Jobs;

namespace Contest.Server.Tests.Support;

/// <summary>
/// Stands in for an evaluation worker: takes each verdict job as soon as it is queued (woken by the
/// queue's signal, never polling) and answers it with the logits the test chooses.
/// </summary>
internal sealed class AnsweringWorker : IAsyncDisposable
{
    private readonly JobQueue _queue;
    private readonly QueueSignal _signal;
    private readonly Func<JobRecord, float[]> _logits;
    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;

    public AnsweringWorker(TestContest contest, Func<JobRecord, float[]> logits)
    {
        _queue = contest.Get<JobQueue>();
        _signal = contest.Get<QueueSignal>();
        _logits = logits;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Verdicts answered so far.</summary>
    public int Answered { get; private set; }

    public async ValueTask DisposeAsync()
    {
        _stop.TrySetResult();
        await _loop;
    }

    private async Task RunAsync()
    {
        while (!_stop.Task.IsCompleted)
        {
            var wake = _signal.WaitAsync();
            while (_queue.TryLease("answering-worker", [JobKind.Verdict]) is { } job)
            {
                _queue.Complete(new CompleteJobRequest { LeaseId = job.LeaseId, Verdict = new VerdictOutcome { Logits = { _logits(job) } } });
                Answered++;
            }
            await Task.WhenAny(wake, _stop.Task);
        }
    }
}
