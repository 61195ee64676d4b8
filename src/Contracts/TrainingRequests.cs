using Contest.Contracts.V1;
using Contest.Core.Training;

namespace Contest.Contracts;

/// <summary>
/// A training request on the wire to the plan it means: the recipe's defaults for the profile, with
/// the request's overrides (0 or unset keeps a default). The server checks requests with it before
/// queueing, and the worker runs exactly the plan it gives, so both read a request the same way.
/// </summary>
public static class TrainingRequests
{
    /// <summary>The recipes the trainer runs.</summary>
    public static IReadOnlyList<ReferenceKind> TrainableKinds { get; } =
        [ReferenceKind.Undefended, ReferenceKind.AdversarialPgd, ReferenceKind.Trades, ReferenceKind.LabelDp];

    /// <exception cref="ArgumentException">The request names no trainable recipe or an impossible setting; the message says which.</exception>
    public static TrainingPlan ToPlan(TrainReferenceModelRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var recipe = request.Kind switch
        {
            ReferenceKind.Undefended => RecipeKind.Undefended,
            ReferenceKind.AdversarialPgd => RecipeKind.AdversarialPgd,
            ReferenceKind.Trades => RecipeKind.Trades,
            ReferenceKind.LabelDp => RecipeKind.LabelDp,
            _ => throw new ArgumentException("name a kind: undefended, adversarial_pgd, trades or label_dp."),
        };
        var profile = request.Profile == V1.TrainingProfile.Full ? Core.Training.TrainingProfile.Full : Core.Training.TrainingProfile.Quick;
        var plan = TrainingPlan.For(recipe, profile, request.Seed);
        if (request.Training is { } training)
        {
            if (training.Architecture.Length > 0)
                plan = plan with { Architecture = training.Architecture, Width = training.Architecture == ArchitectureNames.ResNet18Name ? 64 : plan.Width };
            plan = plan with
            {
                Epochs = training.Epochs > 0 ? training.Epochs : plan.Epochs,
                BatchSize = training.BatchSize > 0 ? training.BatchSize : plan.BatchSize,
                LearningRate = training.LearningRate > 0 ? training.LearningRate : plan.LearningRate,
                Width = training.Width > 0 ? training.Width : plan.Width,
                ExtrasPerClass = training.HasExtrasPerClass ? training.ExtrasPerClass : plan.ExtrasPerClass,
                WeightDecay = training.HasWeightDecay ? training.WeightDecay : plan.WeightDecay,
            };
        }
        if (request.Adversarial is { } && !plan.IsAdversarial && HasAny(request.Adversarial))
            throw new ArgumentException($"adversarial settings apply to adversarial_pgd and trades only, not {RecipeNames.Of(recipe)}.");
        if (request.LabelDp is { } && recipe != RecipeKind.LabelDp && HasAny(request.LabelDp))
            throw new ArgumentException($"label-DP settings apply to label_dp only, not {RecipeNames.Of(recipe)}.");
        if (request.LabelDp is { } labelDp && recipe == RecipeKind.LabelDp)
            plan = WithLabelDp(plan, labelDp);
        if (request.Adversarial is { } adversarial && plan.IsAdversarial)
        {
            var epsilon = adversarial.Epsilon > 0 ? adversarial.Epsilon : plan.Epsilon;
            var steps = adversarial.Steps > 0 ? adversarial.Steps : plan.AttackSteps;
            plan = plan with
            {
                Epsilon = epsilon,
                AttackSteps = steps,
                // Madry et al.'s rule unless a step is given: 2.5 epsilon over the steps.
                AttackStepSize = adversarial.StepSize > 0 ? adversarial.StepSize : 2.5 * epsilon / steps,
                TradesBeta = adversarial.TradesBeta > 0 ? adversarial.TradesBeta : plan.TradesBeta,
                EpsilonWarmupEpochs = adversarial.HasEpsilonWarmupEpochs ? adversarial.EpsilonWarmupEpochs : plan.EpsilonWarmupEpochs,
                CleanEpochs = adversarial.HasCleanEpochs ? adversarial.CleanEpochs : plan.CleanEpochs,
            };
        }
        // Fewer epochs than the default schedule: the clean part and the ramp shrink with them.
        if (plan.CleanEpochs + plan.EpsilonWarmupEpochs > plan.Epochs && request.Adversarial is not { HasCleanEpochs: true })
            plan = plan with { CleanEpochs = Math.Max(0, plan.Epochs - plan.EpsilonWarmupEpochs) / 2 };
        if (plan.CleanEpochs + plan.EpsilonWarmupEpochs > plan.Epochs && request.Adversarial is not { HasEpsilonWarmupEpochs: true })
            plan = plan with { EpsilonWarmupEpochs = plan.Epochs - plan.CleanEpochs };
        plan.Validate();
        return plan;
    }

    private static TrainingPlan WithLabelDp(TrainingPlan plan, LabelDpOptions options)
    {
        var stages = options.Stages > 0 ? options.Stages : plan.Stages;
        var mechanism = options.Mechanism switch
        {
            LabelDpMechanism.Rr => LabelMechanism.RandomizedResponse,
            LabelDpMechanism.RrWithPrior => LabelMechanism.RrWithPrior,
            // The paper's pairing: one stage has no prior to use; later stages use the one before.
            _ => stages > 1 ? LabelMechanism.RrWithPrior : LabelMechanism.RandomizedResponse,
        };
        if (double.IsNaN(options.Epsilon) || options.Epsilon < 0)
            throw new ArgumentException("label-DP epsilon must be more than 0.");
        return plan with
        {
            LabelEpsilon = options.Epsilon > 0 ? options.Epsilon : plan.LabelEpsilon,
            Stages = stages,
            Mechanism = mechanism,
            Mixup = options.Mixup,
            PriorTemperature = options.PriorTemperature > 0 ? options.PriorTemperature : plan.PriorTemperature,
            FirstPartFraction = options.FirstPartFraction,
        };
    }

    private static bool HasAny(Google.Protobuf.IMessage message) => message.CalculateSize() > 0;
}
