using Contest.Contracts.V1;

namespace Contest.Server.Defenses;

/// <summary>An uploaded (or built-in) defense and everything judged about it.</summary>
internal sealed class DefenseRecord
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public string TeamId { get; set; } = "";

    public bool Open { get; set; }

    public ModelFormat Format { get; set; }

    /// <summary>The model file in the blob store.</summary>
    public string Sha256 { get; set; } = "";

    public long SizeBytes { get; set; }

    public string FileName { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public float? DeclaredThreshold { get; set; }

    public bool Baseline { get; set; }

    public DateTime? WithdrawnAt { get; set; }

    public ValidationState Validation { get; set; } = new();

    public EligibilityState Eligibility { get; set; } = new();

    public StakeState Stake { get; set; } = new();
}

/// <summary>The validation checks' outcome.</summary>
internal sealed class ValidationState
{
    public ValidationStatus Status { get; set; } = ValidationStatus.Pending;

    /// <summary>The category of a failure ("forward raised an error"), for everyone.</summary>
    public string Reason { get; set; } = "";

    /// <summary>What the model itself raised or printed (cleaned, capped); only its team and organizers see it.</summary>
    public string ModelMessage { get; set; } = "";

    public double ImagesPerSecond { get; set; }

    public string Device { get; set; } = "";

    public string JobId { get; set; } = "";

    public DateTime? FinishedAt { get; set; }

    public bool Differentiable { get; set; }

    /// <summary>The batch size at which the defense ran fastest during validation.</summary>
    public int BestBatchSize { get; set; }

    public List<CheckState> Checks { get; set; } = [];
}

/// <summary>One validation check.</summary>
internal sealed class CheckState
{
    public string Name { get; set; } = "";

    public bool Passed { get; set; }

    public string Detail { get; set; } = "";
}

/// <summary>The eligibility judgement and the calibrated abstain threshold.</summary>
internal sealed class EligibilityState
{
    public EligibilityStatus Status { get; set; } = EligibilityStatus.NotRun;

    public string Reason { get; set; } = "";

    /// <summary>What the model itself raised or printed when the job failed; only its team and organizers see it.</summary>
    public string ModelMessage { get; set; } = "";

    public float Threshold { get; set; }

    public double AccuracyAt80 { get; set; }

    public double AccuracyAt100 { get; set; }

    public double ImagesPerSecond { get; set; }

    public int Images { get; set; }

    public int PriorAttacksChecked { get; set; }

    public int PriorAttacksFailed { get; set; }

    public string JobId { get; set; } = "";

    public DateTime? FinishedAt { get; set; }
}

/// <summary>Staking and breaking.</summary>
internal sealed class StakeState
{
    public bool Staked { get; set; }

    public DateTime? StakedAt { get; set; }

    public bool Forced { get; set; }

    public string Reason { get; set; } = "";

    public DateTime? BrokenAt { get; set; }

    public string BrokenByAttackId { get; set; } = "";

    public string BrokenInRoundId { get; set; } = "";
}
