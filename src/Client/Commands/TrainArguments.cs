using System.Globalization;
using Contest.Client.Cli;
using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Core.Training;

namespace Contest.Client.Commands;

/// <summary>
/// What `contest reference train` was given, as typed (the label-DP options are in
/// TrainArguments.LabelDp.cs). <see cref="ToRequest"/> checks all of it here,
/// so a mistake ends with exit code 2 and a sentence before anything is sent; the server checks again.
/// Numbers are read with the invariant culture ("0.05" means the same everywhere).
/// </summary>
internal sealed partial record TrainArguments
{
    private static readonly string[] ArchitectureChoices = [ArchitectureNames.ResNetSmallName, ArchitectureNames.ResNet18Name];

    public required string Kind { get; init; }

    public string Profile { get; init; } = "quick";

    public long Seed { get; init; }

    public string? Name { get; init; }

    public int? Epochs { get; init; }

    public int? BatchSize { get; init; }

    public string? LearningRate { get; init; }

    public string? Architecture { get; init; }

    public int? Width { get; init; }

    public int? ExtrasPerClass { get; init; }

    /// <summary>The adversarial kinds' L-inf radius (a pixel fraction), or label_dp's privacy epsilon (a plain number).</summary>
    public string? Epsilon { get; init; }

    public int? Steps { get; init; }

    public string? StepSize { get; init; }

    public string? Beta { get; init; }

    public int? EpsilonWarmupEpochs { get; init; }

    /// <summary>The request to send.</summary>
    /// <exception cref="CliException">An argument is unknown, out of range, or does not apply to the kind; the message names it.</exception>
    public TrainReferenceModelRequest ToRequest()
    {
        var kind = ParseKind(Kind);
        if (!Words.TryParse<Contracts.V1.TrainingProfile>(Profile, out var profile))
            throw new CliException($"unknown profile '{Profile}'; use quick (two CPU cores) or full (a GPU).");
        if (Seed < 0)
            throw new CliException("--seed must be 0 or more.");
        var request = new TrainReferenceModelRequest { Kind = kind, Profile = profile, Seed = Seed, Name = CheckName(Name) };
        request.Training = Training();
        if (kind == ReferenceKind.Undefended && (Epsilon is not null || AttackOnlyOptions().Count > 0))
            throw new CliException("--epsilon, --steps, --step-size, --beta and --epsilon-warmup-epochs set the training attack; kind undefended has none (use adversarial_pgd or trades).");
        if (kind == ReferenceKind.LabelDp)
            request.LabelDp = LabelDp();
        else
            RefuseLabelDpOptions(kind);
        if (kind is ReferenceKind.AdversarialPgd or ReferenceKind.Trades)
            request.Adversarial = Adversarial(kind);

        if (EpsilonWarmupEpochs > Epochs)
            throw new CliException($"--epsilon-warmup-epochs {EpsilonWarmupEpochs} is more than the run's {Epochs} epochs.");
        TrainingPlan plan;
        try
        {
            plan = TrainingRequests.ToPlan(request);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"invalid training settings: {e.Message}");
        }
        if (Width is not null && plan.Architecture != ArchitectureNames.ResNetSmallName)
            throw new CliException($"--width applies to {ArchitectureNames.ResNetSmallName} only; {plan.Architecture} has a fixed width.");
        if (EpsilonWarmupEpochs > plan.Epochs)
            throw new CliException($"--epsilon-warmup-epochs {EpsilonWarmupEpochs} is more than the run's {plan.Epochs} epochs.");
        if (PriorTemperature is not null && plan.Mechanism != LabelMechanism.RrWithPrior)
            throw new CliException("--prior-temperature shapes the prior of RR-with-prior; this run uses plain RR (one stage, or --mechanism rr), which has none.");
        return request;
    }

    /// <summary>
    /// Reads a pixel-range fraction: "16/255" or a decimal such as "0.0627". A bare number above 1 is
    /// refused, since it is almost surely a count of 255ths given without "/255".
    /// </summary>
    /// <exception cref="CliException">Not a number or fraction, not positive, or above 1.</exception>
    public static double ParseFraction(string option, string text)
    {
        var parts = text.Split('/');
        double value;
        if (parts.Length == 2 && TryNumber(parts[0], out var numerator) && TryNumber(parts[1], out var denominator) && denominator > 0)
            value = numerator / denominator;
        else if (parts.Length == 1 && TryNumber(text, out var plain))
            value = plain;
        else
            throw new CliException($"{option} '{text}' is not a number; give a fraction of the pixel range (0.0627) or a count of 255ths (16/255).");
        if (!(value > 0))
            throw new CliException($"{option} must be more than 0 (got '{text}').");
        if (value > 1)
            throw new CliException($"{option} {text} is more than the whole pixel range; did you mean {text}/255?");
        return value;
    }

    /// <summary>Reads a positive finite decimal such as a learning rate.</summary>
    /// <exception cref="CliException">Not a number, or not more than 0.</exception>
    public static double ParsePositive(string option, string text)
    {
        if (!TryNumber(text, out var value))
            throw new CliException($"{option} '{text}' is not a number (write decimals with a point: 0.05).");
        if (!(value > 0))
            throw new CliException($"{option} must be more than 0 (got '{text}').");
        return value;
    }

    private static ReferenceKind ParseKind(string text)
    {
        var choices = string.Join(", ", TrainingRequests.TrainableKinds.Select(Words.Of));
        if (!Words.TryParse<ReferenceKind>(text, out var kind))
            throw new CliException($"unknown kind '{text}'; use one of: {choices}.");
        if (!TrainingRequests.TrainableKinds.Contains(kind))
            throw new CliException($"kind '{Words.Of(kind)}' cannot be trained with this command; use one of: {choices}.");
        return kind;
    }

    private static string CheckName(string? name)
    {
        if (name is null)
            return "";
        if (string.IsNullOrWhiteSpace(name))
            throw new CliException("--name must not be empty (leave it out to let the server name the model after its recipe).");
        if (name.Any(char.IsControl))
            throw new CliException("--name must not contain control characters.");
        return name.Trim();
    }

    private TrainingOptions Training()
    {
        var training = new TrainingOptions
        {
            Epochs = AtLeastOne("--epochs", Epochs),
            BatchSize = AtLeastOne("--batch-size", BatchSize),
            Width = AtLeastOne("--width", Width),
            LearningRate = LearningRate is null ? 0 : ParsePositive("--learning-rate", LearningRate),
        };
        if (Architecture is not null)
        {
            var name = Architecture.Trim().ToLowerInvariant().Replace('-', '_');
            if (!ArchitectureChoices.Contains(name))
                throw new CliException($"unknown architecture '{Architecture}'; use {string.Join(" or ", ArchitectureChoices)}.");
            training.Architecture = name;
        }
        if (ExtrasPerClass is { } extras)
        {
            if (extras < -1)
                throw new CliException("--extras-per-class must be -1 (all of extras), 0 (none) or more.");
            training.ExtrasPerClass = extras;
        }
        return training;
    }

    private AdversarialOptions Adversarial(ReferenceKind kind)
    {
        if (Beta is not null && kind != ReferenceKind.Trades)
            throw new CliException("--beta is TRADES' trade-off; it applies to kind trades only.");
        var adversarial = new AdversarialOptions
        {
            Epsilon = Epsilon is null ? 0 : ParseFraction("--epsilon", Epsilon),
            Steps = AtLeastOne("--steps", Steps),
            StepSize = StepSize is null ? 0 : ParseFraction("--step-size", StepSize),
            TradesBeta = Beta is null ? 0 : ParsePositive("--beta", Beta),
        };
        if (EpsilonWarmupEpochs is { } warmup)
        {
            if (warmup < 0)
                throw new CliException("--epsilon-warmup-epochs must be 0 (no warm-up) or more.");
            adversarial.EpsilonWarmupEpochs = warmup;
        }
        return adversarial;
    }

    // 0 on the wire keeps the profile's default, so an explicit 0 or less would be silently ignored.
    private static int AtLeastOne(string option, int? value) => value switch
    {
        null => 0,
        < 1 => throw new CliException($"{option} must be at least 1 (got {value}); leave it out for the profile's default."),
        _ => value.Value,
    };

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
