namespace Contest.Evaluator.Attacks;

/// <summary>Whether an attack ran.</summary>
public enum AttackOutcome
{
    /// <summary>The attack ran on every input image.</summary>
    Completed,

    /// <summary>The attack does not apply to this defense (for example a white-box attack on a defense without input gradients).</summary>
    Skipped,
}
