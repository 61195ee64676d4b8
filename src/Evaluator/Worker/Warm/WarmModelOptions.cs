namespace Contest.Evaluator.Worker.Warm;

/// <summary>How a worker keeps warm model processes for verdicts.</summary>
/// <param name="Capacity">Warm processes at most (one per defense); 0 runs every verdict in a fresh process.</param>
/// <param name="MaxRequests">Images one process answers before it is replaced (bounds what a model can accumulate).</param>
/// <param name="IdleTime">A process unused this long is stopped.</param>
/// <param name="MaxBatch">Verdicts for the same defense that arrive together go through one forward, up to this many.</param>
public sealed record WarmModelOptions(int Capacity = 2, int MaxRequests = 256, TimeSpan? IdleTime = null, int MaxBatch = 16)
{
    public TimeSpan Idle => IdleTime ?? TimeSpan.FromMinutes(5);

    public bool Enabled => Capacity > 0;
}
