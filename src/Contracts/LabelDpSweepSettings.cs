using System.Globalization;
using Contest.Core.Training;

namespace Contest.Contracts;

/// <summary>
/// The label-DP sweep's settings, read from an analysis request's name=value parameters with each
/// unset one at its profile's default. The server checks a request with it before queueing and the
/// worker runs exactly what it gives, so both read the parameters the same way.
/// </summary>
public sealed record LabelDpSweepSettings
{
    /// <summary>The names a request may set.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["profile", "epsilons", "seeds", "images_per_class", "epochs", "architecture", "width", "mixup", "prior_temperature", "first_part_fraction"];

    /// <summary>The paper's grid: 0.25 to 8, and infinity for the non-private baseline.</summary>
    public static IReadOnlyList<double> DefaultEpsilons { get; } = [0.25, 0.5, 1, 2, 4, 8, double.PositiveInfinity];

    public TrainingProfile Profile { get; init; }

    /// <summary>Each cell's epsilon; +infinity is the non-private baseline (true labels).</summary>
    public IReadOnlyList<double> Epsilons { get; init; } = DefaultEpsilons;

    /// <summary>Runs per cell; run i uses seed (request seed + i).</summary>
    public int Seeds { get; init; } = 3;

    /// <summary>Training images per class, drawn from train then extras (-1: all of both).</summary>
    public int ImagesPerClass { get; init; }

    /// <summary>The plan every cell starts from (architecture, width, epochs per stage, batch, learning rate).</summary>
    public required TrainingPlan Base { get; init; }

    /// <exception cref="ArgumentException">An unknown name or an impossible value; the message says which.</exception>
    public static LabelDpSweepSettings From(IReadOnlyDictionary<string, string> parameters, long seed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (seed < 0)
            throw new ArgumentException("the seed must be 0 or more.");
        foreach (var name in parameters.Keys)
        {
            if (!Names.Contains(name))
                throw new ArgumentException($"unknown parameter '{Clean(name)}'; the label-DP sweep takes: {string.Join(", ", Names)}.");
        }
        var profile = parameters.GetValueOrDefault("profile", "quick") switch
        {
            "quick" => TrainingProfile.Quick,
            "full" => TrainingProfile.Full,
            var other => throw new ArgumentException($"profile must be quick or full, not '{Clean(other)}'."),
        };
        var quick = profile == TrainingProfile.Quick;
        // Quick: 300 images per class (train plus extras), 5 epochs a stage of the 16-wide small
        // ResNet (about 3,000 image passes a run, 20-25 s on two CPU cores): the 39 runs of the
        // default grid fit in 30 minutes. Full: everything, ResNet-18.
        var plan = TrainingPlan.For(RecipeKind.LabelDp, profile, seed) with
        {
            Epochs = quick ? 5 : 30,
            ExtrasPerClass = quick ? 0 : -1,
            Mechanism = LabelMechanism.RrWithPrior,
        };
        if (parameters.TryGetValue("architecture", out var architecture))
            plan = plan with { Architecture = architecture, Width = architecture == ArchitectureNames.ResNet18Name ? 64 : plan.Width };
        plan = plan with
        {
            Epochs = Integer(parameters, "epochs", plan.Epochs, 1, 1000),
            Width = Integer(parameters, "width", plan.Width, 16, 256),
            Mixup = parameters.GetValueOrDefault("mixup", "false") switch
            {
                "true" => true,
                "false" => false,
                var other => throw new ArgumentException($"mixup must be true or false, not '{Clean(other)}'."),
            },
            PriorTemperature = Number(parameters, "prior_temperature", plan.PriorTemperature),
            FirstPartFraction = Number(parameters, "first_part_fraction", 0),
        };
        // Validated as an LP-2ST cell, the most demanding one.
        (plan with { Stages = 2 }).Validate();
        return new LabelDpSweepSettings
        {
            Profile = profile,
            Base = plan,
            Epsilons = parameters.TryGetValue("epsilons", out var list) ? EpsilonList(list) : DefaultEpsilons,
            Seeds = Integer(parameters, "seeds", 3, 1, 20),
            ImagesPerClass = Integer(parameters, "images_per_class", quick ? 300 : -1, -1, 1_000_000) is var perClass && perClass is 0 or < -1
                ? throw new ArgumentException("images_per_class must be -1 (all) or 1 or more.")
                : perClass,
        };
    }

    /// <summary>The plan of one run: LP-1ST (one stage, plain RR) or LP-2ST (two stages, RR-with-prior); null epsilon for the baseline.</summary>
    public TrainingPlan PlanFor(double epsilon, int stages, long seed) => double.IsPositiveInfinity(epsilon)
        ? Base with { Recipe = RecipeKind.Undefended, LabelEpsilon = 0, Stages = 1, Mechanism = LabelMechanism.RandomizedResponse, FirstPartFraction = 0, Seed = seed }
        : Base with
        {
            LabelEpsilon = epsilon,
            Stages = stages,
            Mechanism = stages > 1 ? LabelMechanism.RrWithPrior : LabelMechanism.RandomizedResponse,
            FirstPartFraction = stages > 1 ? Base.FirstPartFraction : 0,
            Seed = seed,
        };

    /// <summary>The settings as the analysis ran them, for its record.</summary>
    public IReadOnlyDictionary<string, string> Describe() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["profile"] = Profile == TrainingProfile.Quick ? "quick" : "full",
        ["epsilons"] = string.Join(",", Epsilons.Select(Format)),
        ["seeds"] = Seeds.ToString(CultureInfo.InvariantCulture),
        ["images_per_class"] = ImagesPerClass.ToString(CultureInfo.InvariantCulture),
        ["epochs"] = Base.Epochs.ToString(CultureInfo.InvariantCulture) + " per stage",
        ["architecture"] = Base.Architecture,
        ["width"] = Base.Width.ToString(CultureInfo.InvariantCulture),
        ["mixup"] = Base.Mixup ? "true" : "false",
        ["prior_temperature"] = Format(Base.PriorTemperature),
        ["first_part_fraction"] = Base.FirstPartFraction > 0 ? Format(Base.FirstPartFraction) : "0.5 (equal parts)",
        ["methods"] = "LP-1ST (plain RR, one stage), LP-2ST (RR-with-prior, two stages, warm start); inf: true labels",
    };

    /// <summary>An epsilon as tables show it: "inf" for the baseline.</summary>
    public static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "inf" : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static IReadOnlyList<double> EpsilonList(string text)
    {
        var values = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var value = part is "inf" or "infinity" ? double.PositiveInfinity
                : double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number
                : throw new ArgumentException($"epsilons must be numbers or inf separated by commas; '{Clean(part)}' is neither.");
            if (!(value > 0) || (double.IsFinite(value) && value > 50))
                throw new ArgumentException($"each epsilon must be in (0, 50] or inf; got {Clean(part)}.");
            if (!values.Contains(value))
                values.Add(value);
        }
        if (values.Count is 0 or > 12)
            throw new ArgumentException("epsilons must list 1 to 12 values.");
        values.Sort();
        return values;
    }

    private static int Integer(IReadOnlyDictionary<string, string> parameters, string name, int fallback, int min, int max)
    {
        if (!parameters.TryGetValue(name, out var text))
            return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new ArgumentException($"{name} must be a whole number from {min} to {max}, not '{Clean(text)}'.");
        return value;
    }

    private static double Number(IReadOnlyDictionary<string, string> parameters, string name, double fallback)
    {
        if (!parameters.TryGetValue(name, out var text))
            return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new ArgumentException($"{name} must be a number, not '{Clean(text)}'.");
        return value;
    }

    // Parameters come from a user; what is echoed back is capped and printable.
    private static string Clean(string text) => Core.Text.ModelText.Clean(text, 40);
}
