using System.Globalization;

namespace Contest.Core.Training;

/// <summary>
/// Everything that decides a training run. Same plan, same data, same device: the same model. Every
/// field is recorded with the model (<see cref="Describe"/>).
/// </summary>
/// <param name="Recipe">The training method.</param>
/// <param name="Profile">Quick (CPU) or full (GPU) defaults the plan started from.</param>
/// <param name="Architecture">A name from <see cref="ArchitectureNames"/>.</param>
/// <param name="Width">Channels of the first stage (ResNet-18 ignores it: always 64).</param>
/// <param name="Epochs">Passes over the training images.</param>
/// <param name="BatchSize">Images per SGD step.</param>
/// <param name="LearningRate">The peak of the cosine schedule.</param>
/// <param name="WeightDecay">L2 penalty of SGD.</param>
/// <param name="Seed">Every random draw of the run derives from it.</param>
/// <param name="ExtrasPerClass">Images per class taken from the extras split besides all of train (0: none; -1: all).</param>
/// <param name="Epsilon">L-inf radius of the training attack, [0,1] units (16/255, the contest's).</param>
/// <param name="AttackSteps">PGD steps of the training attack.</param>
/// <param name="AttackStepSize">Step of the training attack, [0,1] units.</param>
/// <param name="EpsilonWarmupEpochs">Epochs over which the radius grows linearly from 0 to <paramref name="Epsilon"/>.</param>
/// <param name="TradesBeta">TRADES' weight of the robustness term.</param>
/// <param name="CleanEpochs">Epochs of clean training before the radius starts to grow (the attack is skipped in them).</param>
/// <param name="LabelEpsilon">Label-DP: the privacy epsilon of the label release (0 for other recipes).</param>
/// <param name="Mechanism">Label-DP: how labels are released.</param>
/// <param name="Stages">Label-DP: stages of LP-MST (1 = LP-1ST); <paramref name="Epochs"/> are per stage.</param>
/// <param name="Mixup">Mixup of image pairs (lambda uniform in [0,1]) with the same mix of their labels' losses.</param>
/// <param name="PriorTemperature">Label-DP: t in the prior p ~ exp(logits / t).</param>
/// <param name="FirstPartFraction">Label-DP: the first stage's share of the images (0: equal parts).</param>
public sealed record TrainingPlan(
    RecipeKind Recipe,
    TrainingProfile Profile,
    string Architecture,
    int Width,
    int Epochs,
    int BatchSize,
    double LearningRate,
    double WeightDecay,
    long Seed,
    int ExtrasPerClass,
    double Epsilon,
    int AttackSteps,
    double AttackStepSize,
    int EpsilonWarmupEpochs,
    double TradesBeta,
    int CleanEpochs = 0,
    double LabelEpsilon = 0,
    LabelMechanism Mechanism = LabelMechanism.RandomizedResponse,
    int Stages = 1,
    bool Mixup = false,
    double PriorTemperature = 1,
    double FirstPartFraction = 0)
{
    /// <summary>The contest's L-inf radius.</summary>
    public const double ContestEpsilon = 16.0 / 255;

    /// <summary>The recipe's defaults for a profile.</summary>
    public static TrainingPlan For(RecipeKind recipe, TrainingProfile profile, long seed)
    {
        var quick = profile == TrainingProfile.Quick;
        var adversarial = recipe is RecipeKind.AdversarialPgd or RecipeKind.Trades;
        var labelDp = recipe == RecipeKind.LabelDp;
        // Quick: the CPU ResNet on train plus part of extras; full: ResNet-18 on everything.
        var steps = quick ? 3 : 10;
        return new TrainingPlan(
            Recipe: recipe,
            Profile: profile,
            Architecture: quick ? ArchitectureNames.ResNetSmallName : ArchitectureNames.ResNet18Name,
            Width: quick ? 16 : 64,
            Epochs: quick ? (adversarial ? 12 : 8) : 30,
            BatchSize: quick ? 32 : 128,
            LearningRate: quick ? 0.05 : 0.1,
            WeightDecay: 5e-4,
            Seed: seed,
            ExtrasPerClass: quick ? 375 : -1,
            Epsilon: adversarial ? ContestEpsilon : 0,
            AttackSteps: adversarial ? steps : 0,
            AttackStepSize: adversarial ? 2.5 * ContestEpsilon / steps : 0,
            EpsilonWarmupEpochs: adversarial ? (quick ? 4 : 5) : 0,
            TradesBeta: recipe == RecipeKind.Trades ? 6.0 : 0,
            CleanEpochs: adversarial ? (quick ? 4 : 2) : 0,
            LabelEpsilon: labelDp ? 1 : 0,
            Mechanism: labelDp ? LabelMechanism.RrWithPrior : LabelMechanism.RandomizedResponse,
            Stages: labelDp ? 2 : 1);
    }

    /// <summary>Whether the recipe trains against an attack.</summary>
    public bool IsAdversarial => Recipe is RecipeKind.AdversarialPgd or RecipeKind.Trades;

    /// <summary>
    /// The radius the training attack uses at <paramref name="progress"/> epochs into the run (a fraction
    /// of an epoch counts): 0 for the clean epochs, then a linear ramp over the warm-up epochs, then
    /// <see cref="Epsilon"/>. From scratch at the full radius the network stays at chance; it must
    /// learn the clean task first.
    /// </summary>
    public double EpsilonAt(double progress)
    {
        var intoRamp = progress - CleanEpochs;
        if (intoRamp <= 0)
            return 0;
        return EpsilonWarmupEpochs <= 0 ? Epsilon : Epsilon * Math.Min(1.0, intoRamp / EpsilonWarmupEpochs);
    }

    /// <summary>Refuses plans that cannot run, naming the field.</summary>
    public void Validate()
    {
        if (!ArchitectureNames.Names.Contains(Architecture))
            throw new ArgumentException($"unknown architecture '{Architecture}'; known: {string.Join(", ", ArchitectureNames.Names)}.");
        // Narrower CPU ResNets gave NaN gradients in their stem on CPU libtorch (cause not found); 16 and up train cleanly.
        Require(Width is >= 16 and <= 256, "width must be 16-256");
        Require(Epochs is >= 1 and <= 1000, "epochs must be 1-1000");
        Require(BatchSize is >= 2 and <= 1024, "batch size must be 2-1024");
        Require(LearningRate is > 0 and <= 10 && double.IsFinite(LearningRate), "learning rate must be in (0, 10]");
        Require(WeightDecay is >= 0 and <= 1, "weight decay must be in [0, 1]");
        Require(ExtrasPerClass >= -1, "extras per class must be -1 (all), 0 or more");
        Require(Mixup == false || !IsAdversarial, "mixup applies to clean training only (undefended, label_dp)");
        if (Recipe == RecipeKind.LabelDp)
        {
            // e^800 overflows a double; beyond ~50 randomized response never flips anyway.
            Require(LabelEpsilon is > 0 and <= 50, "label-DP epsilon must be in (0, 50]");
            Require(Stages is >= 1 and <= 10, "stages must be 1-10");
            Require(PriorTemperature is > 0 and <= 100, "prior temperature must be in (0, 100]");
            Require(FirstPartFraction == 0 || (FirstPartFraction is > 0 and < 1 && Stages > 1), "the first part's fraction must be in (0, 1), with two stages or more");
            Require(Mechanism == LabelMechanism.RandomizedResponse || Stages > 1, "RR-with-prior needs two stages or more (stage 1 has no prior)");
        }
        if (!IsAdversarial)
            return;
        Require(Epsilon is > 0 and <= 1, "epsilon must be in (0, 1]");
        Require(AttackSteps is >= 1 and <= 100, "attack steps must be 1-100");
        Require(AttackStepSize is > 0 and <= 1, "attack step size must be in (0, 1]");
        Require(EpsilonWarmupEpochs >= 0 && CleanEpochs >= 0 && CleanEpochs + EpsilonWarmupEpochs <= Epochs,
            "clean epochs plus the epsilon warm-up must fit in the number of epochs");
        if (Recipe == RecipeKind.Trades)
            Require(TradesBeta is > 0 and <= 100, "TRADES beta must be in (0, 100]");
    }

    /// <summary>The plan as name=value pairs, as the model's record shows them.</summary>
    public IReadOnlyDictionary<string, string> Describe()
    {
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["recipe"] = RecipeNames.Of(Recipe),
            ["profile"] = Profile.ToString().ToLowerInvariant(),
            ["architecture"] = Architecture,
            ["width"] = Number(Width),
            ["epochs"] = Number(Epochs),
            ["batch_size"] = Number(BatchSize),
            ["optimizer"] = "SGD, momentum 0.9 (Nesterov), cosine learning-rate decay per step",
            ["learning_rate"] = Number(LearningRate),
            ["weight_decay"] = Number(WeightDecay),
            ["seed"] = Number(Seed),
            ["data"] = ExtrasPerClass switch { -1 => "train + all extras", 0 => "train", _ => $"train + {ExtrasPerClass} extras per class" },
            ["augmentation"] = "mirror, shift <= 24 px, scale 0.85-1.16, colour-channel permutation",
        };
        if (Mixup)
            parameters["mixup"] = "lambda ~ U(0,1) between each image and a shuffled partner, losses mixed the same";
        if (Recipe == RecipeKind.LabelDp)
        {
            parameters["label_epsilon"] = Number(LabelEpsilon);
            parameters["label_mechanism"] = Mechanism == LabelMechanism.RrWithPrior ? "rr_with_prior" : "rr";
            parameters["stages"] = Number(Stages);
            parameters["epochs"] = $"{Number(Epochs)} per stage";
            parameters["parts"] = FirstPartFraction > 0 ? $"first {Number(FirstPartFraction)}, the rest split equally" : "equal";
            if (Mechanism == LabelMechanism.RrWithPrior)
                parameters["prior_temperature"] = Number(PriorTemperature);
        }
        if (IsAdversarial)
        {
            parameters["epsilon"] = $"{Epsilon * 255:0.##}/255";
            parameters["attack_steps"] = Number(AttackSteps);
            parameters["attack_step_size"] = $"{AttackStepSize * 255:0.###}/255";
            parameters["clean_epochs"] = $"{Number(CleanEpochs)} (no attack)";
            parameters["epsilon_warmup_epochs"] = $"{Number(EpsilonWarmupEpochs)} (then the radius grows linearly per step from 0)";
            parameters["attack"] = Recipe == RecipeKind.Trades
                ? "PGD on KL(clean || perturbed) from x + 0.001 N(0,1), network in eval mode"
                : "PGD on cross-entropy from a uniform start in the ball, network in eval mode";
        }
        if (Recipe == RecipeKind.Trades)
            parameters["trades_beta"] = Number(TradesBeta);
        return parameters;
    }

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static void Require(bool condition, string message)
    {
        if (!condition)
            throw new ArgumentException(message + ".");
    }
}

