using Contest.Evaluator.Attacks.Spatial;

namespace Contest.Evaluator.Attacks.Spsa;

/// <summary>Settings of cleverhans' SPSA attack (Uesato et al. 2018) as the warm-up ran it.</summary>
/// <param name="Epsilon">L-infinity radius of the perturbation.</param>
/// <param name="Steps">Adam updates at most.</param>
/// <param name="Samples">Model evaluations per gradient estimate (half +delta, half the mirrored -delta).</param>
/// <param name="LearningRate">Adam step size.</param>
/// <param name="Delta">Size of the random +-delta probes.</param>
/// <param name="EarlyStopLoss">Stop an image once (correct - wrong logit) falls below this.</param>
/// <param name="Spatial">The random transform applied first, or null for none.</param>
/// <param name="ImageLimit">The attack is meant for this many leading images (null: all).</param>
internal sealed record SpsaOptions(
    double Epsilon, int Steps, int Samples, double LearningRate, double Delta, double EarlyStopLoss, RandomSpatialOptions? Spatial,
    int? ImageLimit = null)
{
    /// <summary>Adam's decay rates and denominator constant, as cleverhans' TensorAdam.</summary>
    public const double Beta1 = 0.9;
    public const double Beta2 = 0.999;
    public const double AdamEpsilon = 1e-9;

    /// <summary>The original: eps 16/255, 200 steps, 64 samples, lr 0.01, delta 0.01, stop below -1, random spatial first.</summary>
    public static readonly SpsaOptions Standard = new(16.0 / 255, 200, 64, 0.01, 0.01, -1, RandomSpatialOptions.Original);

    /// <summary>
    /// Half the steps, on the first 10 images. SPSA's progress is set by the samples it averages per
    /// image (about 1,600-2,500 model calls to fool the small CNN), so cutting samples or steps harder
    /// leaves an attack that fools nothing; fewer images keep the cost down instead.
    /// </summary>
    public static readonly SpsaOptions Quick = Standard with { Steps = 100, ImageLimit = 10 };

    /// <summary>The settings as reports show them.</summary>
    public IReadOnlyList<AttackParameter> Describe(AttackProfile profile)
    {
        var quick = profile == AttackProfile.Quick;
        List<AttackParameter> parameters =
        [
            new("epsilon", $"{Epsilon * 255:0.##}/255", "L-infinity bound of the perturbation around the transformed image; results clipped to [0,1]"),
            new("steps", Steps.ToString(), "Adam updates at most per image" + (quick ? " (quick: reduced from 200)" : "")),
            new("samples", Samples.ToString(), $"model evaluations per gradient estimate: {Samples / 2} random sign vectors and their mirrors"),
            new("image_limit", ImageLimit?.ToString() ?? "all", ImageLimit is null ? "every image of the split" : "the attack runs on the first images only (quick: reduced from all)"),
            new("learning_rate", LearningRate.ToString("0.####"), "Adam step size (beta1 0.9, beta2 0.999, epsilon 1e-9, as cleverhans)"),
            new("delta", Delta.ToString("0.####"), "size of the +-delta probes; probes are clipped to [0,1] so the defense only sees valid images"),
            new("loss", "correct - wrong logit", "margin loss minimised by Adam; the perturbation starts uniform in the epsilon ball"),
            new("early_stop_loss", EarlyStopLoss.ToString("0.##"), "an image stops once its loss is below this (wrong logit ahead by more than 1), as the original"),
        ];
        if (Spatial is not null)
            parameters.AddRange(Spatial.Describe());
        return parameters;
    }
}
