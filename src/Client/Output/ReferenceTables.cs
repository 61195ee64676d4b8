using System.Globalization;
using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Core.Rules;
using Spectre.Console;

namespace Contest.Client.Output;

/// <summary>The human-readable views of reference models: the list and one model in full.</summary>
internal static class ReferenceTables
{
    /// <summary>Said wherever published numbers appear, so nobody reads them as this server's measurements.</summary>
    public const string PublishedNote =
        "Published numbers come from the original challenge on its real data (bird-or-bicycle from OpenImages); they were not measured on this server.";

    // The metrics a reader looks for first; others follow in name order.
    // The warm-up evaluation's accuracies@80 first (the server names them eval_<attack>), then how training ended.
    private static readonly string[] KeyMetrics = ["eval_clean", "eval_pgd_linf", "eval_spsa_with_random_spatial", "train_accuracy"];
    // A label-DP model is read for its clean accuracy and how many of its training labels the release changed.
    private static readonly string[] LabelDpKeyMetrics = ["eval_clean", "train_accuracy", "train_label_flip_rate", "train_labels_decided_by_prior"];

    // Metrics whose names say they are plain numbers (a privacy budget, a temperature, a count), never fractions.
    private static readonly string[] PlainNumberEndings = ["epsilon", "_temperature", "learning_rate", "stages", "epochs", "seeds", "runs", "_count", "images", "_per_class"];

    // The server's name for the warm-up evaluation's accuracies@80 (eval_<attack>).
    private const string EvaluationPrefix = "eval_";
    private static readonly List<string> AttackOrder = [.. AttackSuites.WarmupTableColumns];

    public static void WriteList(IAnsiConsole console, IEnumerable<ReferenceModel> models)
    {
        var table = new Table().AddColumns("ID", "Name", "Kind", "Profile", "Seed", "Status", "Defense", "Key metrics");
        foreach (var m in models)
        {
            table.AddRow(
                Markup.Escape(m.Id),
                Markup.Escape(m.Name) + (m.BuiltIn ? " [grey](built-in)[/]" : ""),
                Markup.Escape(KindText(m)),
                Words.Of(m.Profile),
                m.Seed.ToString(CultureInfo.InvariantCulture),
                Status(m),
                Markup.Escape(m.DefenseId),
                Markup.Escape(KeyMetricsText(m)));
        }
        console.Write(table);
    }

    public static void WriteDetails(IAnsiConsole console, ReferenceModel m)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string key, string value) => grid.AddRow($"[grey]{key}[/]", Markup.Escape(value));
        Row("id", m.Id);
        Row("name", m.Name + (m.BuiltIn ? " (built-in baseline)" : ""));
        Row("kind", Words.Of(m.Kind));
        Row("profile", Words.Of(m.Profile));
        Row("seed", m.Seed.ToString(CultureInfo.InvariantCulture));
        Row("status", Words.Of(m.Status) + (m.Reason.Length > 0 ? $": {m.Reason}" : ""));
        Row("training job", m.JobId);
        Row("baseline defense", m.DefenseId.Length > 0 ? m.DefenseId : "not registered yet");
        Row("evaluation job", m.EvaluationJobId.Length > 0 ? m.EvaluationJobId : "none yet");
        Row("created", JsonViews.Time(m.CreatedAt) ?? "");
        if (m.FinishedAt is not null)
            Row("finished", JsonViews.Time(m.FinishedAt) ?? "");
        if (m.Files.Count > 0)
            Row("files", string.Join(", ", m.Files));
        foreach (var (key, value) in m.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            Row($"  {key}", value);
        console.Write(grid);

        if (m.Curve.Count > 0)
        {
            console.MarkupLine("Training curve:");
            console.Write(Curve(m.Curve));
        }
        if (m.Metrics.Count > 0 || m.Published.Count > 0)
        {
            console.MarkupLine("Metrics (accuracy@80 unless the name says otherwise):");
            console.Write(Metrics(m));
            if (m.Published.Count > 0)
                console.MarkupLine($"[grey]{Markup.Escape(PublishedNote)}[/]");
        }
    }

    /// <summary>A metric as people read it: fractions in [0,1] as percentages, anything else as the number.</summary>
    public static string Metric(double value) =>
        value is >= 0 and <= 1
            ? (value * 100).ToString("F1", CultureInfo.InvariantCulture) + "%"
            : value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>
    /// A metric by what its name says it is: a loss, a speed, a duration, or a plain number (a privacy
    /// epsilon, a temperature, a count) as such; anything else is a fraction (an accuracy, a label-flip
    /// rate) and in [0,1] shows as a percentage.
    /// </summary>
    public static string Metric(string name, double value) => name switch
    {
        _ when name.EndsWith("loss", StringComparison.Ordinal) => value.ToString("0.000", CultureInfo.InvariantCulture),
        _ when name.EndsWith("_per_second", StringComparison.Ordinal) => value.ToString("F1", CultureInfo.InvariantCulture) + "/s",
        _ when name.EndsWith("_seconds", StringComparison.Ordinal) => value.ToString("F0", CultureInfo.InvariantCulture) + " s",
        _ when PlainNumberEndings.Any(e => name.EndsWith(e, StringComparison.Ordinal)) => value.ToString("G6", CultureInfo.InvariantCulture),
        _ => Metric(value),
    };

    /// <summary>The kind, with a label-DP model's privacy epsilon, which tells such models apart.</summary>
    private static string KindText(ReferenceModel m) =>
        m.Kind == ReferenceKind.LabelDp && m.Parameters.TryGetValue("label_epsilon", out var epsilon)
            ? $"{Words.Of(m.Kind)} (eps {epsilon})"
            : Words.Of(m.Kind);

    // The attack's radius per epoch, only where some epoch had one: beside a label-DP model's privacy
    // epsilon, a column of zeros named "Epsilon" would read as the wrong budget.
    private static Table Curve(IReadOnlyCollection<TrainingEpoch> curve)
    {
        var radius = curve.Any(e => e.Epsilon > 0);
        var table = new Table().AddColumns(radius ? ["Epoch", "Loss", "Accuracy", "Epsilon", "LR", "Images/s"] : ["Epoch", "Loss", "Accuracy", "LR", "Images/s"]);
        foreach (var column in table.Columns)
            column.RightAligned();
        foreach (var e in curve)
        {
            List<string> cells =
            [
                e.Epoch.ToString(CultureInfo.InvariantCulture),
                e.Loss.ToString("F4", CultureInfo.InvariantCulture),
                (e.Accuracy * 100).ToString("F1", CultureInfo.InvariantCulture) + "%",
            ];
            if (radius)
                cells.Add(e.Epsilon > 0 ? (e.Epsilon * 255).ToString("0.##", CultureInfo.InvariantCulture) + "/255" : "0");
            cells.Add(e.LearningRate.ToString("G4", CultureInfo.InvariantCulture));
            cells.Add(e.ImagesPerSecond.ToString("F1", CultureInfo.InvariantCulture));
            table.AddRow([.. cells]);
        }
        return table;
    }

    // One row per attack: what the warm-up evaluation measured here (eval_<attack>) beside each published
    // entry's number for the same attack ("<entry>: <attack>"); then training's own metrics. "-" where a side has none.
    private static Table Metrics(ReferenceModel m)
    {
        var table = new Table()
            .AddColumn("Metric")
            .AddColumn(new TableColumn("Measured here").RightAligned())
            .AddColumn(new TableColumn("[grey]Published (original challenge, real data; not measured here)[/]"));
        var published = m.Published
            .Select(p => p.Key.LastIndexOf(": ", StringComparison.Ordinal) is var at and >= 0
                ? (Entry: p.Key[..at], Attack: p.Key[(at + 2)..], p.Value)
                : (Entry: "", Attack: p.Key, p.Value))
            .ToList();
        var attacks = m.Metrics.Keys.Where(k => k.StartsWith(EvaluationPrefix, StringComparison.Ordinal)).Select(k => k[EvaluationPrefix.Length..])
            .Union(published.Select(p => p.Attack))
            .OrderBy(a => AttackOrder.IndexOf(a) is var i && i >= 0 ? i : AttackOrder.Count)
            .ThenBy(a => a, StringComparer.Ordinal);
        foreach (var attack in attacks)
        {
            var theirs = published.Where(p => p.Attack == attack).OrderBy(p => p.Entry, StringComparer.Ordinal)
                .Select(p => $"[grey]{Metric(p.Value)}  {Markup.Escape(p.Entry)}[/]").ToList();
            table.AddRow(
                Markup.Escape(attack),
                m.Metrics.TryGetValue(EvaluationPrefix + attack, out var measured) ? Metric(measured) : "[grey]-[/]",
                theirs.Count > 0 ? string.Join("\n", theirs) : "[grey]-[/]");
        }
        foreach (var name in m.Metrics.Keys.Where(k => !k.StartsWith(EvaluationPrefix, StringComparison.Ordinal)).OrderBy(k => k, StringComparer.Ordinal))
            table.AddRow(Markup.Escape(name), Metric(name, m.Metrics[name]), "[grey]-[/]");
        return table;
    }

    private static string Status(ReferenceModel m) => m.Status switch
    {
        ReferenceStatus.Ready => "[green]ready[/]",
        ReferenceStatus.Failed => "[red]failed[/]",
        ReferenceStatus.Queued => "[grey]queued[/]",
        _ => Words.Of(m.Status),
    };

    private static string KeyMetricsText(ReferenceModel m)
    {
        var keys = m.Kind == ReferenceKind.LabelDp ? LabelDpKeyMetrics : KeyMetrics;
        var ordered = m.Metrics.Keys
            .OrderBy(k => Array.IndexOf(keys, k) is var i && i >= 0 ? i : keys.Length)
            .ThenBy(k => k, StringComparer.Ordinal)
            .ToList();
        var shown = ordered.Take(4).Select(k => $"{k} {Metric(k, m.Metrics[k])}");
        return string.Join(", ", shown) + (ordered.Count > 4 ? ", ..." : "");
    }
}
