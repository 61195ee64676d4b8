using Contest.Client.Cli;
using Contest.Contracts;
using Contest.Contracts.V1;

namespace Contest.Client.Commands;

/// <summary>The label-DP options of `contest reference train` (LP-MST, Ghazi et al. 2021), and which options belong to which kinds.</summary>
internal sealed partial record TrainArguments
{
    /// <summary>The most label-privacy epsilon the trainer takes (beyond it randomized response never flips a label).</summary>
    public const double MaxLabelEpsilon = 50;

    public int? Stages { get; init; }

    public string? Mechanism { get; init; }

    public bool Mixup { get; init; }

    public string? PriorTemperature { get; init; }

    public string? FirstPart { get; init; }

    /// <summary>
    /// Reads label_dp's --epsilon: a plain positive number such as 1 or 0.5, at most 50. A pixel
    /// fraction ("16/255") is refused, since it means the adversarial kinds' radius.
    /// </summary>
    /// <exception cref="CliException">Not a plain number, not positive, or above 50.</exception>
    public static double ParseLabelEpsilon(string text)
    {
        if (text.Contains('/'))
            throw new CliException($"--epsilon '{text}' is a pixel radius; for label_dp it is the label-privacy epsilon, a plain number such as 1 or 0.5.");
        var value = ParsePositive("--epsilon", text);
        if (value > MaxLabelEpsilon)
            throw new CliException($"--epsilon {text} is more than {MaxLabelEpsilon}, the most label_dp takes (randomized response then never flips a label).");
        return value;
    }

    private LabelDpOptions LabelDp()
    {
        var attackOnly = AttackOnlyOptions();
        if (attackOnly.Count > 0)
            throw new CliException($"{Listed(attackOnly)} {(attackOnly.Count == 1 ? "sets" : "set")} the training attack; kind label_dp has none (its --epsilon is the label-privacy epsilon).");
        var options = new LabelDpOptions
        {
            Epsilon = Epsilon is null ? 0 : ParseLabelEpsilon(Epsilon),
            Stages = AtLeastOne("--stages", Stages),
            Mixup = Mixup,
            PriorTemperature = PriorTemperature is null ? 0 : ParsePositive("--prior-temperature", PriorTemperature),
            FirstPartFraction = FirstPart is null ? 0 : ParseFirstPart(FirstPart),
        };
        // Unset leaves the pairing to the plan: RR-with-prior with two stages or more, plain RR with one.
        if (Mechanism is not null)
        {
            if (!Words.TryParse<LabelDpMechanism>(Mechanism, out var mechanism))
                throw new CliException($"unknown mechanism '{Mechanism}'; use rr (plain randomized response) or rr_with_prior (two stages or more).");
            options.Mechanism = mechanism;
        }
        return options;
    }

    private void RefuseLabelDpOptions(ReferenceKind kind)
    {
        var given = LabelDpOptionsGiven();
        if (given.Count > 0)
            throw new CliException($"{Listed(given)} {(given.Count == 1 ? "is a label-DP setting" : "are label-DP settings")}, for kind label_dp only (not {Words.Of(kind)}).");
    }

    private static double ParseFirstPart(string text)
    {
        var value = ParsePositive("--first-part", text);
        if (value >= 1)
            throw new CliException($"--first-part must be less than 1 (got '{text}'): it is the first stage's share of the training images, such as 0.4.");
        return value;
    }

    private List<string> AttackOnlyOptions() => Named(
        ("--steps", Steps is not null),
        ("--step-size", StepSize is not null),
        ("--beta", Beta is not null),
        ("--epsilon-warmup-epochs", EpsilonWarmupEpochs is not null));

    private List<string> LabelDpOptionsGiven() => Named(
        ("--stages", Stages is not null),
        ("--mechanism", Mechanism is not null),
        ("--mixup", Mixup),
        ("--prior-temperature", PriorTemperature is not null),
        ("--first-part", FirstPart is not null));

    private static List<string> Named(params (string Name, bool Given)[] options) => [.. options.Where(o => o.Given).Select(o => o.Name)];

    // "--a", "--a and --b", "--a, --b and --c".
    private static string Listed(List<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";
}
