using System.Globalization;
using Contest.Contracts;
using Contest.Contracts.V1;
using Spectre.Console;

namespace Contest.Client.Output;

/// <summary>The human-readable views of analyses: the list, and one analysis with its tables and artifacts.</summary>
internal static class AnalysisTables
{
    private const int SummaryEntriesInList = 3;

    public static void WriteList(IAnsiConsole console, IEnumerable<AnalysisResult> analyses)
    {
        var table = new Table().AddColumns("ID", "Kind", "Status", "Created", "Finished", "Summary");
        foreach (var a in analyses)
        {
            table.AddRow(
                Markup.Escape(a.JobId),
                Words.Of(a.Kind),
                Status(a.Status),
                JsonViews.Time(a.CreatedAt) ?? "",
                JsonViews.Time(a.FinishedAt) ?? "",
                Markup.Escape(ShortSummary(a)));
        }
        console.Write(table);
    }

    public static void WriteDetails(IAnsiConsole console, AnalysisResult a)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string key, string value) => grid.AddRow($"[grey]{key}[/]", Markup.Escape(value));
        Row("id", a.JobId);
        Row("kind", Words.Of(a.Kind));
        Row("status", Words.Of(a.Status) + (a.Reason.Length > 0 ? $": {a.Reason}" : ""));
        Row("seed", a.Seed.ToString(CultureInfo.InvariantCulture));
        if (a.DefenseIds.Count > 0)
            Row("defenses", string.Join(", ", a.DefenseIds));
        Row("created", JsonViews.Time(a.CreatedAt) ?? "");
        if (a.FinishedAt is not null)
            Row("finished", JsonViews.Time(a.FinishedAt) ?? "");
        if (a.Parameters.Count > 0)
            Row("parameters", "");
        foreach (var (key, value) in a.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            Row($"  {key}", value);
        if (a.Notes.Length > 0)
            Row("notes", a.Notes);
        console.Write(grid);

        if (a.Summary.Count > 0)
        {
            var summary = new Table().AddColumn("Summary").AddColumn(new TableColumn("Value").RightAligned());
            foreach (var (name, value) in a.Summary.OrderBy(p => p.Key, StringComparer.Ordinal))
                summary.AddRow(Markup.Escape(name), Value(name, value));
            console.Write(summary);
        }
        foreach (var result in a.Tables)
            console.Write(Table(result));
        if (a.Artifacts.Count > 0)
        {
            var files = new Table().AddColumn("Artifact").AddColumn(new TableColumn("Size").RightAligned()).AddColumn("Type");
            foreach (var artifact in a.Artifacts)
                files.AddRow(Markup.Escape(artifact.Name), Size(artifact.SizeBytes), Markup.Escape(artifact.ContentType));
            console.Write(files);
            console.MarkupLineInterpolated($"Download them with `contest analysis download {a.JobId}`.");
        }
    }

    /// <summary>A few summary values in name order, or why it failed: what fits in a list's cell.</summary>
    public static string ShortSummary(AnalysisResult a)
    {
        if (a.Status == JobStatus.Failed && a.Reason.Length > 0)
            return a.Reason.Length > 80 ? a.Reason[..77] + "..." : a.Reason;
        var entries = a.Summary.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var shown = entries.Take(SummaryEntriesInList).Select(p => $"{p.Key} {Value(p.Key, p.Value)}");
        return string.Join(", ", shown) + (entries.Count > SummaryEntriesInList ? ", ..." : "");
    }

    /// <summary>
    /// A summary value by its name (as reference metrics are shown); infinity as "inf", the non-private
    /// baseline's epsilon; a difference of two accuracies ("_minus_") in signed percentage points.
    /// </summary>
    public static string Value(string name, double value) =>
        double.IsPositiveInfinity(value) ? "inf"
        : name.Contains("_minus_", StringComparison.Ordinal) ? (100 * value).ToString("+0.0;-0.0;0.0", System.Globalization.CultureInfo.InvariantCulture) + " pts"
        : ReferenceTables.Metric(name, value);

    /// <summary>A result table as it came: every row padded or cut to the columns, so a ragged row still shows.</summary>
    public static Table Table(ResultTable result)
    {
        var width = Math.Max(result.Columns.Count, result.Rows.Count == 0 ? 0 : result.Rows.Max(r => r.Cells.Count));
        var table = new Table();
        if (result.Name.Length > 0)
            table.Title(Markup.Escape(result.Name));
        for (var i = 0; i < width; i++)
            table.AddColumn(Markup.Escape(i < result.Columns.Count ? result.Columns[i] : ""));
        if (width == 0)
            return table.AddColumn("(empty)");
        foreach (var row in result.Rows)
            table.AddRow([.. Enumerable.Range(0, width).Select(i => Markup.Escape(i < row.Cells.Count ? row.Cells[i] : ""))]);
        return table;
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " KiB",
        _ => (bytes / (1024.0 * 1024)).ToString("F1", CultureInfo.InvariantCulture) + " MiB",
    };

    private static string Status(JobStatus status) => status switch
    {
        JobStatus.Succeeded => "[green]succeeded[/]",
        JobStatus.Failed => "[red]failed[/]",
        JobStatus.Queued => "[grey]queued[/]",
        _ => Words.Of(status),
    };
}
