using System.Text.RegularExpressions;
using Contest.Contracts.V1;
using Contest.Core.Text;
using Contest.Server.Infrastructure;

namespace Contest.Server.References;

/// <summary>
/// What a worker reported about a finished training run (curve, final metrics, parameters it adds
/// such as its device), checked before it is stored: the result comes over the network and is read
/// as hostile. A malformed report is refused with InvalidArgument, naming what is wrong.
/// </summary>
internal static partial class TrainingReport
{
    public const int MaxEpochs = 1000;
    public const int MaxEntries = 64;
    public const int MaxNameLength = 64;
    public const int MaxValueLength = 500;

    /// <summary>Prefix of the metrics this server adds from the warm-up evaluation; a worker may not use it.</summary>
    public const string EvaluationPrefix = "eval_";

    public static List<EpochState> Curve(ReferenceModel model)
    {
        if (model.Curve.Count > MaxEpochs)
            throw RpcErrors.InvalidArgument($"a training curve has at most {MaxEpochs} epochs; this one has {model.Curve.Count}.");
        return [.. model.Curve.Select(e => new EpochState
        {
            Epoch = e.Epoch,
            Loss = e.Loss,
            Accuracy = e.Accuracy,
            Epsilon = e.Epsilon,
            LearningRate = e.LearningRate,
            ImagesPerSecond = e.ImagesPerSecond,
            Seconds = e.Seconds,
        })];
    }

    public static List<MetricState> Metrics(ReferenceModel model)
    {
        if (model.Metrics.Count > MaxEntries)
            throw RpcErrors.InvalidArgument($"a training result has at most {MaxEntries} metrics; this one has {model.Metrics.Count}.");
        foreach (var name in model.Metrics.Keys)
        {
            CheckName(name, "metric");
            if (name.StartsWith(EvaluationPrefix, StringComparison.Ordinal))
                throw RpcErrors.InvalidArgument($"metric '{name}': names starting with '{EvaluationPrefix}' are the server's (its warm-up evaluation).");
        }
        return [.. model.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new MetricState { Name = m.Key, Value = m.Value })];
    }

    /// <summary>The recorded parameters with the worker's additions; the plan's own entries are never replaced.</summary>
    public static Dictionary<string, string> Parameters(IReadOnlyDictionary<string, string> recorded, ReferenceModel model)
    {
        if (model.Parameters.Count > MaxEntries)
            throw RpcErrors.InvalidArgument($"a training result has at most {MaxEntries} parameters; this one has {model.Parameters.Count}.");
        var merged = new Dictionary<string, string>(recorded, StringComparer.Ordinal);
        foreach (var (name, value) in model.Parameters)
        {
            CheckName(name, "parameter");
            merged.TryAdd(name, ModelText.Clean(value, MaxValueLength));
        }
        return merged;
    }

    private static void CheckName(string name, string what)
    {
        if (name.Length is 0 or > MaxNameLength || !NamePattern().IsMatch(name))
            throw RpcErrors.InvalidArgument(
                $"a {what} name has 1-{MaxNameLength} characters among a-z, 0-9, '_', '.' and '-'; got '{ModelText.Clean(name, MaxNameLength)}'.");
    }

    [GeneratedRegex("^[a-z0-9_.-]+$")]
    private static partial Regex NamePattern();
}
