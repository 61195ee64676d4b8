using Contest.Client.Cli;
using Contest.Contracts;
using Contest.Contracts.V1;

namespace Contest.Client.Commands;

/// <summary>
/// What `contest analysis run label-dp-sweep` was given, as typed. <see cref="ToRequest"/> turns the
/// options into the request's name=value parameters (only those given: the server fills in the
/// profile's defaults) and checks them with <see cref="LabelDpSweepSettings.From"/>, the reading the
/// server and the worker share, so a mistake ends with exit code 2 before anything is sent.
/// </summary>
internal sealed record LabelDpSweepArguments
{
    public bool Quick { get; init; }

    public bool Full { get; init; }

    public long Seed { get; init; }

    public string? Epsilons { get; init; }

    public int? Seeds { get; init; }

    public int? ImagesPerClass { get; init; }

    public int? Epochs { get; init; }

    public bool Mixup { get; init; }

    /// <summary>Further settings as name=value (names in <see cref="LabelDpSweepSettings.Names"/>).</summary>
    public IReadOnlyList<string> Parameters { get; init; } = [];

    /// <summary>The request to send, and the settings the sweep will run with (defaults filled in).</summary>
    /// <exception cref="CliException">A malformed, repeated, unknown or impossible setting; the message names it.</exception>
    public (RunAnalysisRequest Request, LabelDpSweepSettings Settings) ToRequest()
    {
        if (Quick && Full)
            throw new CliException("give --quick or --full, not both.");
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        // Named options first, so a --param that repeats one of them is caught below.
        var named = new (string Name, string Option, string? Value)[]
        {
            ("profile", Full ? "--full" : "--quick", Full ? "full" : Quick ? "quick" : null),
            ("epsilons", "--epsilons", Epsilons?.Trim()),
            ("seeds", "--seeds", Invariant(Seeds)),
            ("images_per_class", "--images-per-class", Invariant(ImagesPerClass)),
            ("epochs", "--epochs", Invariant(Epochs)),
            ("mixup", "--mixup", Mixup ? "true" : null),
        };
        var optionOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, option, value) in named)
        {
            if (value is null)
                continue;
            parameters[name] = value;
            optionOf[name] = option;
        }
        foreach (var text in Parameters)
        {
            var (name, value) = Split(text);
            if (optionOf.TryGetValue(name, out var option))
                throw new CliException($"--param {name}=... repeats {option}; give it once.");
            if (!parameters.TryAdd(name, value))
                throw new CliException($"--param {name} is given twice; give it once.");
        }
        LabelDpSweepSettings settings;
        try
        {
            settings = LabelDpSweepSettings.From(parameters, Seed);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"invalid label-DP sweep settings: {e.Message}");
        }
        var request = new RunAnalysisRequest { Kind = AnalysisKind.LabelDpSweep, Seed = Seed };
        request.Parameters.Add(parameters);
        return (request, settings);
    }

    private static (string Name, string Value) Split(string text)
    {
        var at = text.IndexOf('=', StringComparison.Ordinal);
        if (at <= 0)
            throw new CliException($"--param '{text}' must be name=value, for example --param architecture=resnet18.");
        return (text[..at].Trim(), text[(at + 1)..].Trim());
    }

    private static string? Invariant(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
