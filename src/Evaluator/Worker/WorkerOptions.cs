namespace Contest.Evaluator.Worker;

/// <summary>How a worker host was started.</summary>
public sealed record WorkerOptions
{
    public required string Server { get; init; }

    /// <summary>An API key of a team with the worker role.</summary>
    public required string Token { get; init; }

    /// <summary>auto, cpu or cuda, passed to each job process.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Jobs run at once (each in its own process).</summary>
    public int Slots { get; init; } = 1;

    /// <summary>
    /// One slot more that leases only verdicts (a job each, with the same per-job limits), so attack
    /// submissions never wait behind evaluations; --no-verdict-lane turns it off.
    /// </summary>
    public bool VerdictLane { get; init; } = true;

    public string Name { get; init; } = Environment.MachineName;

    /// <summary>Job folders and the input cache.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>Exit when this process ends (the server that started us), if set.</summary>
    public int? ExitWithParent { get; init; }

    /// <summary>Run jobs without the bubblewrap sandbox (--unsafe-no-sandbox): only for models you trust.</summary>
    public bool UnsafeNoSandbox { get; init; }
}
