using System.Globalization;
using Contest.Contracts;
using Contest.Contracts.V1;
using Spectre.Console;

namespace Contest.Client.Output;

/// <summary>
/// The warm-up leaderboard for people: the measured rows (baselines marked), then, in a section of
/// its own and in grey, the original challenge's published rows, which this server never measured.
/// </summary>
internal static class WarmupBoardView
{
    public const string PublishedTitle = "Published (original challenge, real data; not measured here)";

    public static void Write(IAnsiConsole console, WarmupLeaderboard board)
    {
        var table = new Table().AddColumn("Defense");
        foreach (var attack in board.Attacks)
            table.AddColumn(new TableColumn(Markup.Escape(attack)).RightAligned());
        foreach (var r in board.Rows)
        {
            var name = $"{Markup.Escape(r.DefenseName)} [grey]({(r.Open ? "open" : "closed")}{(r.Baseline ? ", baseline" : "")})[/]";
            table.AddRow([name, .. board.Attacks.Select(a => r.AccuracyAt80.TryGetValue(a, out var v) ? Percent(v) : "[grey]-[/]")]);
        }
        console.MarkupLineInterpolated($"Warm-up leaderboard, accuracy@80 ({Words.Of(board.Profile)} profile), measured on this server:");
        if (board.Rows.Count == 0)
            console.MarkupLine("[grey]No defense has a warm-up evaluation of this profile yet.[/]");
        else
            console.Write(table);
        if (board.Published.Count > 0)
            WritePublished(console, board);
    }

    private static void WritePublished(IAnsiConsole console, WarmupLeaderboard board)
    {
        // The board's attacks first, in its order; attacks only the published rows name come after.
        var attacks = board.Attacks
            .Concat(board.Published.SelectMany(p => p.AccuracyAt80.Keys).Where(a => !board.Attacks.Contains(a)).Distinct().Order(StringComparer.Ordinal))
            .ToList();
        var grey = new Style(Color.Grey);
        var table = new Table().BorderStyle(grey).AddColumn(new TableColumn("[grey]Published row[/]"));
        foreach (var attack in attacks)
            table.AddColumn(new TableColumn($"[grey]{Markup.Escape(attack)}[/]").RightAligned());
        table.AddColumn(new TableColumn("[grey]Source[/]"));
        foreach (var p in board.Published)
        {
            table.AddRow([
                $"[grey]{Markup.Escape(p.Name)}[/]",
                .. attacks.Select(a => p.AccuracyAt80.TryGetValue(a, out var v) ? $"[grey]{Percent(v)}[/]" : "[grey]-[/]"),
                $"[grey]{Markup.Escape(p.Source)}[/]",
            ]);
        }
        console.WriteLine();
        console.MarkupLine($"[grey]{Markup.Escape(PublishedTitle)}:[/]");
        console.Write(table);
        console.MarkupLine($"[grey]{Markup.Escape(ReferenceTables.PublishedNote)} Accuracy@80 as published; a '-' is an attack it did not report.[/]");
    }

    private static string Percent(double value) => (value * 100).ToString("F1", CultureInfo.InvariantCulture);
}
