using Contest.Contracts.V1;

namespace Contest.Server.References;

/// <summary>A model the server trains itself (a baseline), from its request to the defense it became.</summary>
internal sealed class ReferenceRecord
{
    public string Id { get; set; } = "";

    public ReferenceKind Kind { get; set; }

    public string Name { get; set; } = "";

    public TrainingProfile Profile { get; set; }

    public long Seed { get; set; }

    /// <summary>The training request as queued (name and seed filled in), serialized: the worker rebuilds the plan from it.</summary>
    public byte[] Request { get; set; } = [];

    /// <summary>Every setting of the run (the plan's, then what the worker added, such as its device).</summary>
    public Dictionary<string, string> Parameters { get; set; } = [];

    public ReferenceStatus Status { get; set; } = ReferenceStatus.Queued;

    /// <summary>The training job.</summary>
    public string JobId { get; set; } = "";

    /// <summary>The baseline defense it was registered as, once trained.</summary>
    public string DefenseId { get; set; } = "";

    /// <summary>The baseline's quick warm-up evaluation, once queued.</summary>
    public string EvaluationJobId { get; set; } = "";

    public List<EpochState> Curve { get; set; } = [];

    /// <summary>The worker's final training metrics (train loss, accuracy, ...).</summary>
    public List<MetricState> Metrics { get; set; } = [];

    /// <summary>Why training failed.</summary>
    public string Reason { get; set; } = "";

    /// <summary>Queued by the server itself on its first start.</summary>
    public bool BuiltIn { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>The native model file (also the baseline defense's file).</summary>
    public string ModelSha256 { get; set; } = "";

    /// <summary>The same weights as safetensors, for PyTorch.</summary>
    public string SafetensorsSha256 { get; set; } = "";

    /// <summary>The training curve as a PNG.</summary>
    public string CurveSha256 { get; set; } = "";
}

/// <summary>One epoch of the training run, as the worker reported it.</summary>
internal sealed class EpochState
{
    public int Epoch { get; set; }

    public double Loss { get; set; }

    public double Accuracy { get; set; }

    public double Epsilon { get; set; }

    public double LearningRate { get; set; }

    public double ImagesPerSecond { get; set; }

    public double Seconds { get; set; }
}

/// <summary>A named measurement (kept as a list: metric names come from the worker, not from us).</summary>
internal sealed class MetricState
{
    public string Name { get; set; } = "";

    public double Value { get; set; }
}

/// <summary>Marks that the built-in baselines were queued for this data directory, so they are queued once.</summary>
internal sealed class BaselineSeedRecord
{
    public string Id { get; set; } = "";

    public DateTime QueuedAt { get; set; }

    public List<string> ReferenceIds { get; set; } = [];
}
