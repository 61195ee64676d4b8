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
    /// Slots more that lease only verdicts, so attack submissions never wait behind evaluations; several,
    /// so verdicts that arrive together are leased together (and batched by the warm model process).
    /// --verdict-lanes 0 (or --no-verdict-lane) turns them off.
    /// </summary>
    public int VerdictLanes { get; init; } = 4;

    /// <summary>Warm model processes for verdicts (see <see cref="Warm.WarmModelOptions"/>).</summary>
    public Warm.WarmModelOptions WarmModels { get; init; } = new();

    public string Name { get; init; } = Environment.MachineName;

    /// <summary>Job folders and the input cache.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>Exit when this process ends (the server that started us), if set.</summary>
    public int? ExitWithParent { get; init; }

    /// <summary>Run jobs without the bubblewrap sandbox (--unsafe-no-sandbox): only for models you trust.</summary>
    public bool UnsafeNoSandbox { get; init; }
}
