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
    /// <summary>The recipes the trainer runs (label DP is its own issue).</summary>
    public static IReadOnlyList<ReferenceKind> TrainableKinds { get; } =
        [ReferenceKind.Undefended, ReferenceKind.AdversarialPgd, ReferenceKind.Trades];

    /// <exception cref="ArgumentException">The request names no trainable recipe or an impossible setting; the message says which.</exception>
    public static TrainingPlan ToPlan(TrainReferenceModelRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var recipe = request.Kind switch
        {
            ReferenceKind.Undefended => RecipeKind.Undefended,
            ReferenceKind.AdversarialPgd => RecipeKind.AdversarialPgd,
            ReferenceKind.Trades => RecipeKind.Trades,
            ReferenceKind.LabelDp => throw new ArgumentException("label-DP training is not available yet; kinds: undefended, adversarial_pgd, trades."),
            _ => throw new ArgumentException("name a kind: undefended, adversarial_pgd or trades."),
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
        if (request.Adversarial is { } adversarial && recipe != RecipeKind.Undefended)
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
}
