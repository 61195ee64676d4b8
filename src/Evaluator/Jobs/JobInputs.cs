using Contest.Contracts.V1;
using Contest.Evaluator.Data;

namespace Contest.Evaluator.Jobs;

/// <summary>
/// What the worker host hands a job process besides the spec. On the host the paths point into the
/// worker's cache; in the hand-off they are relative to the job folder (in/...).
/// </summary>
/// <param name="Device">auto, cpu or cuda.</param>
/// <param name="ModelPath">The defense's model file.</param>
/// <param name="Images">The dataset images the job runs on, in the server's order (no labels for the hidden split).</param>
/// <param name="AttackImagePath">For a verdict: the attack image.</param>
/// <param name="PriorAttacks">For eligibility: earlier valid adversarial images.</param>
/// <param name="Dataset">The dataset the images come from, as "source version" (for reports).</param>
/// <param name="CheckpointPath">For training: the checkpoint an earlier attempt left, to resume from.</param>
public sealed record JobInputs(
    string Device,
    string? ModelPath,
    IReadOnlyList<LocalImage> Images,
    string? AttackImagePath,
    IReadOnlyList<PriorAttackImage> PriorAttacks,
    string Dataset = "",
    string? CheckpointPath = null);

/// <summary>An earlier valid adversarial image (its label stays with the server).</summary>
public sealed record PriorAttackImage(string AttackId, Label Label, string Path);

/// <summary>Why a job failed, written by the job process for its host.</summary>
/// <param name="Reason">One sentence for everyone: our words, never the model's.</param>
/// <param name="Retryable">Whether another attempt could succeed.</param>
/// <param name="ModelMessage">What the model itself raised or printed; shown only to its team and organizers.</param>
public sealed record JobFailure(string Reason, bool Retryable, string ModelMessage = "");

/// <summary>What a finished job process left in its folder, as the host could read it.</summary>
public sealed record JobOutput(CompleteJobRequest? Result, JobFailure? Failure, string? MalformedReason)
{
    public static JobOutput Nothing { get; } = new(null, null, null);

    public static JobOutput Succeeded(CompleteJobRequest result) => new(result, null, null);

    public static JobOutput Failed(JobFailure failure) => new(null, failure, null);

    /// <summary>The job wrote something the host refuses to trust (too big, a link, unparsable).</summary>
    public static JobOutput Malformed(string what) => new(null, null, what);
}
