using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks;

/// <summary>
/// What an attack produced: adversarial images with the logits the defense gave exactly those
/// images, or the reason it did not run. Owns its tensors.
/// </summary>
public sealed class AttackResult : IDisposable
{
    private AttackResult(AttackOutcome outcome, Tensor? images, Tensor? logits, long forwardImages, string? skipReason)
    {
        Outcome = outcome;
        Images = images;
        Logits = logits;
        ForwardImages = forwardImages;
        SkipReason = skipReason;
    }

    /// <summary>Whether the attack ran.</summary>
    public AttackOutcome Outcome { get; }

    /// <summary>float32 [N,3,224,224] in [0,1] on the defense's device; null when skipped.</summary>
    public Tensor? Images { get; }

    /// <summary>float32 [N,2] logits the defense gave <see cref="Images"/>; null when skipped.</summary>
    public Tensor? Logits { get; }

    /// <summary>Images the defense scored during the attack.</summary>
    public long ForwardImages { get; }

    /// <summary>Why the attack did not run; null when it did.</summary>
    public string? SkipReason { get; }

    /// <summary>A finished run. Takes ownership of both tensors.</summary>
    public static AttackResult Completed(Tensor images, Tensor logits, long forwardImages) =>
        new(AttackOutcome.Completed, images, logits, forwardImages, null);

    /// <summary>An attack that does not apply, with the reason.</summary>
    public static AttackResult Skipped(string reason) => new(AttackOutcome.Skipped, null, null, 0, reason);

    public void Dispose()
    {
        Images?.Dispose();
        Logits?.Dispose();
    }
}
