namespace Contest.Server.Workers;

/// <summary>The evaluation workers the server starts on its own machine (bound from the "Contest" section).</summary>
internal sealed class LocalWorkerOptions
{
    /// <summary>Evaluation workers the server starts on this machine (0: only outside workers).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>The evaluator to start local workers from (Contest.Evaluator.dll); found automatically when empty.</summary>
    public string WorkerPath { get; init; } = "";

    /// <summary>--device for local workers: auto, cpu or cuda.</summary>
    public string WorkerDevice { get; init; } = "auto";

    /// <summary>
    /// Start local workers with --unsafe-no-sandbox: their jobs run without bubblewrap, as the server's
    /// user, with its files and network in reach. Only for models you trust.
    /// </summary>
    public bool UnsafeNoSandbox { get; init; }

    /// <summary>
    /// Each local worker keeps a verdict lane (a slot for verdicts only, beside its general slot), so
    /// attack submissions never wait behind evaluations. False only to measure without it.
    /// </summary>
    public bool VerdictLane { get; init; } = true;
}
