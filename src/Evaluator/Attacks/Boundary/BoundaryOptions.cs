using Contest.Evaluator.Attacks.Spatial;

namespace Contest.Evaluator.Attacks.Boundary;

/// <summary>Settings of foolbox 1.x's BoundaryAttack (Brendel et al. 2018) as the warm-up ran it.</summary>
/// <param name="Iterations">Steps at most per image.</param>
/// <param name="MaxDirections">Candidates tried per step at most.</param>
/// <param name="CandidateBatch">Candidates scored together; the first adversarial one in a batch wins (foolbox's batch_size).</param>
/// <param name="SphericalStep">Initial size of the orthogonal step, relative to the distance.</param>
/// <param name="SourceStep">Initial size of the step towards the original, relative to the distance.</param>
/// <param name="StepAdaptation">Factor by which step sizes grow or shrink.</param>
/// <param name="MaxL2">Stop once the L2 distance is below this; a farther result is projected onto this ball.</param>
/// <param name="ImageLimit">The attack is meant for this many leading images.</param>
/// <param name="Spatial">The random transform applied first, or null for none.</param>
internal sealed record BoundaryOptions(
    int Iterations, int MaxDirections, int CandidateBatch, double SphericalStep, double SourceStep, double StepAdaptation,
    double MaxL2, int ImageLimit, RandomSpatialOptions? Spatial)
{
    /// <summary>foolbox's recent-success windows and thresholds, fixed in its code.</summary>
    public const int SphericalHistory = 100;
    public const int StepHistory = 30;
    public const int SphericalEvery = 10;
    public const int ConvergenceConfirmation = 100;

    /// <summary>The original: foolbox 1.x defaults (5,000 steps, 25 directions, steps 0.01, adaptation 1.5), L2 10, first 100 images.</summary>
    public static readonly BoundaryOptions Standard = new(5000, 25, 5, 0.01, 0.01, 1.5, 10, 100, RandomSpatialOptions.Original);

    /// <summary>At most 25 steps, on the first 10 images.</summary>
    public static readonly BoundaryOptions Quick = Standard with { Iterations = 25, ImageLimit = 10 };

    /// <summary>Stop once the mean squared error (over 224*224*3 values in [0,1]) is at most this: L2 = <see cref="MaxL2"/>.</summary>
    public double MseThreshold(long values) => MaxL2 * MaxL2 / values;

    /// <summary>The settings as reports show them.</summary>
    public IReadOnlyList<AttackParameter> Describe(AttackProfile profile)
    {
        var quick = profile == AttackProfile.Quick;
        List<AttackParameter> parameters =
        [
            new("iterations", Iterations.ToString(), "boundary-attack steps at most per image" + (quick ? " (quick: reduced from 5,000)" : "")),
            new("image_limit", ImageLimit.ToString(), "the attack runs on the first images only" + (quick ? " (quick: reduced from 100)" : ", as the original")),
            new("max_directions", MaxDirections.ToString(), "random candidates tried per step at most (foolbox default)"),
            new("candidate_batch", CandidateBatch.ToString(), "candidates scored per forward batch; the first adversarial one is taken (foolbox tunes this only for speed)"),
            new("spherical_step", SphericalStep.ToString("0.####"), "initial orthogonal step relative to the distance; checked on its own every 10th step"),
            new("source_step", SourceStep.ToString("0.####"), "initial step towards the original relative to the distance"),
            new("step_adaptation", StepAdaptation.ToString("0.##"), "steps grow or shrink by this factor from recent success rates (foolbox default)"),
            new("max_l2", MaxL2.ToString("0.##"), "stop once the L2 distance is at most this (MSE 100/150528); a farther result is projected onto this ball"),
            new("starting_point", "random image of the other class", "from the starting pool; if the defense does not misclassify it, the image is returned unattacked"),
        ];
        if (Spatial is not null)
            parameters.AddRange(Spatial.Describe());
        return parameters;
    }
}
