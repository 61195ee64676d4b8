namespace Contest.Evaluator.Attacks;

/// <summary>
/// One attack of the warm-up suite: turns clean images into images meant to fool a defense, and
/// returns them with the logits the defense gave them. Attacks are synchronous and compute bound;
/// run them off the request thread.
/// </summary>
public interface IAttack
{
    /// <summary>The suite name, as the original evaluation kit printed it (for example <c>spatial_grid</c>).</summary>
    string Name { get; }

    /// <summary>The budget this instance runs with.</summary>
    AttackProfile Profile { get; }

    /// <summary>One line on what the attack does, for reports.</summary>
    string Description { get; }

    /// <summary>Every setting with its value and a one-line description, for reports.</summary>
    IReadOnlyList<AttackParameter> Parameters { get; }

    /// <summary>
    /// How many leading images of the evaluation set the attack is meant for (the original ran the
    /// boundary attack on the first 100 only); null for all. The caller slices; <see cref="Run"/>
    /// attacks whatever it is given.
    /// </summary>
    int? ImageLimit { get; }

    /// <summary>Attacks every image of <paramref name="input"/>; the result has one image and one logit row per input image.</summary>
    AttackResult Run(AttackInput input, CancellationToken cancellationToken = default);
}
