namespace Contest.Server.Jobs;

/// <summary>Wakes every worker waiting in LeaseJob when a job is queued, and for good when the server stops.</summary>
internal sealed class QueueSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stopped;

    /// <summary>True once the server is stopping: no job is leased any more.</summary>
    public bool Stopped => Volatile.Read(ref _stopped) != 0;

    /// <summary>A task that completes at the next <see cref="Notify"/> (or <see cref="Stop"/>).</summary>
    public Task WaitAsync() => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Ends leasing: every waiting LeaseJob wakes and answers with no job; later ones get none either.</summary>
    public void Stop()
    {
        Volatile.Write(ref _stopped, 1);
        Notify();
    }
}
