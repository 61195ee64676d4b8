using Contest.ReferenceModels.Training;

namespace Contest.ReferenceModels.LabelPrivacy;

/// <summary>
/// The labels a label-DP run has released so far, and what each stage's release did. It travels in
/// checkpoints: a resumed run trains on these labels and never draws (or reads) a true label twice.
/// </summary>
/// <param name="Labels">The released label of each training image; -1 where not drawn yet.</param>
/// <param name="Stages">Per stage, what its release did (in stage order).</param>
/// <param name="EarlierCurve">The training curves of the finished stages, epochs numbered across the run.</param>
public sealed record LabelRelease(long[] Labels, List<StageRelease> Stages, List<EpochMetrics> EarlierCurve)
{
    /// <summary>Nothing released yet, for <paramref name="images"/> training images.</summary>
    public static LabelRelease None(int images) => new(Enumerable.Repeat(-1L, images).ToArray(), [], []);

    /// <summary>All stages together.</summary>
    public StageRelease Total => StageRelease.Sum(Stages);
}

/// <summary>What one stage's release did, counted as it drew (so reporting needs no second look at a true label).</summary>
/// <param name="Stage">0-based; -1 for a total.</param>
/// <param name="Drawn">Labels released.</param>
/// <param name="DecidedByPrior">Released as the prior's top class with no randomness (k* = 1).</param>
/// <param name="PriorWrong">Of those, how many differ from the true label.</param>
/// <param name="Randomized">Released by randomized response over both classes (k* = 2).</param>
/// <param name="RandomizedFlipped">Of those, how many differ from the true label (expected 1 / (1 + e^eps)).</param>
public sealed record StageRelease(int Stage, int Drawn, int DecidedByPrior, int PriorWrong, int Randomized, int RandomizedFlipped)
{
    /// <summary>Nothing released (the non-private baseline's release).</summary>
    public static StageRelease None { get; } = new(-1, 0, 0, 0, 0, 0);

    /// <summary>Several releases added up (stage -1).</summary>
    public static StageRelease Sum(IEnumerable<StageRelease> releases) => releases.Aggregate(None, (a, b) => new StageRelease(
        -1, a.Drawn + b.Drawn, a.DecidedByPrior + b.DecidedByPrior, a.PriorWrong + b.PriorWrong, a.Randomized + b.Randomized, a.RandomizedFlipped + b.RandomizedFlipped));

    /// <summary>Released labels that differ from the true ones, by either route.</summary>
    public int Wrong => PriorWrong + RandomizedFlipped;

    public double FlipRate => Randomized == 0 ? 0 : (double)RandomizedFlipped / Randomized;

    public double DecidedByPriorFraction => Drawn == 0 ? 0 : (double)DecidedByPrior / Drawn;

    public double NoiseRate => Drawn == 0 ? 0 : (double)Wrong / Drawn;
}
