namespace Contest.Evaluator.Worker.Warm;

/// <summary>What a worker's warm model processes have done, for its log and for tests.</summary>
internal sealed class WarmCounters
{
    private int _processes;
    private int _forwards;
    private int _images;

    /// <summary>Processes started (pooled and fresh retries).</summary>
    public int Processes => Volatile.Read(ref _processes);

    /// <summary>Forward requests sent (a batch counts once).</summary>
    public int Forwards => Volatile.Read(ref _forwards);

    /// <summary>Images in those requests.</summary>
    public int Images => Volatile.Read(ref _images);

    public void ProcessStarted() => Interlocked.Increment(ref _processes);

    public void Forwarded(int images)
    {
        Interlocked.Increment(ref _forwards);
        Interlocked.Add(ref _images, images);
    }
}
