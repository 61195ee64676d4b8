namespace Contest.Evaluator.Attacks.Pgd;

/// <summary>Settings of the white-box L-infinity PGD attack (Madry et al. 2018) with restarts.</summary>
/// <param name="Epsilon">L-infinity radius.</param>
/// <param name="Steps">Signed-gradient steps per restart.</param>
/// <param name="Restarts">Independent random starts per image.</param>
/// <param name="StepSizeFactor">Step size = factor * epsilon / steps (Madry et al. use 2.5).</param>
internal sealed record PgdOptions(double Epsilon, int Steps, int Restarts, double StepSizeFactor)
{
    /// <summary>eps 16/255, 100 steps of 2.5 eps / 100, 5 random restarts.</summary>
    public static readonly PgdOptions Standard = new(16.0 / 255, 100, 5, 2.5);

    /// <summary>5 steps, 1 start.</summary>
    public static readonly PgdOptions Quick = Standard with { Steps = 5, Restarts = 1 };

    public double StepSize => StepSizeFactor * Epsilon / Steps;

    /// <summary>The settings as reports show them.</summary>
    public IReadOnlyList<AttackParameter> Describe(AttackProfile profile)
    {
        var quick = profile == AttackProfile.Quick;
        return
        [
            new("epsilon", $"{Epsilon * 255:0.##}/255", "L-infinity bound around the clean image; results clipped to [0,1]"),
            new("steps", Steps.ToString(), "signed-gradient ascent steps per restart" + (quick ? " (quick: reduced from 100)" : "")),
            new("restarts", Restarts.ToString(), "independent uniform random starts in the epsilon ball" + (quick ? " (quick: reduced from 5)" : "")),
            new("step_size", $"{StepSize * 255:0.###}/255", $"{StepSizeFactor:0.#} * epsilon / steps, Madry et al.'s rule"),
            new("loss", "wrong - correct logit", "margin loss (CW-style); the iterate with the largest margin seen in any step of any restart is kept"),
            new("requires", "input gradients", "skipped, with the reason, for defenses without them (ONNX)"),
        ];
    }
}
