using Contest.Contracts.V1;
using Contest.Core.Rules;

namespace Contest.Server.Leaderboards;

/// <summary>A row of the original challenge's warm-up table: accuracy@80 in [0,1] under the paper's column names.</summary>
/// <param name="Name">The defense as the challenge named it.</param>
/// <param name="Robust">An adversarially trained entry (compared with the robust baselines) rather than an undefended one.</param>
/// <param name="Scores">Paper column ("clean", "corruptions", "spatial", "spsa", "boundary") to accuracy@80.</param>
internal sealed record PublishedResult(string Name, bool Robust, IReadOnlyDictionary<string, double> Scores);

/// <summary>
/// The Unrestricted Adversarial Examples challenge's published warm-up results (real data, never
/// measured here), kept in this one place: the warm-up leaderboard shows them as published rows, and
/// reference models show the rows of their kind beside what this server measured.
/// </summary>
internal static class PublishedResults
{
    public const string Source = "Unrestricted Adversarial Examples challenge, published warm-up results (real data, not measured here)";

    /// <summary>The paper's columns in its table's order, each with this server's attack of the same name.</summary>
    public static IReadOnlyList<(string Paper, string Attack)> Columns { get; } =
    [
        ("clean", AttackSuites.WarmupTableColumns[0]),
        ("corruptions", "common_corruptions"),
        ("spatial", "spatial_grid"),
        ("spsa", "spsa_with_random_spatial"),
        ("boundary", "boundary_with_random_spatial"),
    ];

    public static IReadOnlyList<PublishedResult> Rows { get; } =
    [
        Row("LLR adversarial training (2019)", robust: true, 100, 100, 100, 100, 100),
        Row("TRADESv2 (2019)", robust: true, 100, 100, 99.5, 100, 95.0),
        Row("undefended ResNet-50, ImageNet-trained (Keras)", robust: false, 100, 99.2, 92.2, 1.6, 4.0),
        Row("undefended ResNet-50 trained on extras (PyTorch)", robust: false, 98.8, 74.6, 49.5, 2.5, 8.0),
    ];

    /// <summary>The rows as the warm-up leaderboard shows them, keyed by this server's attack names.</summary>
    public static IEnumerable<PublishedRow> ToProto() => Rows.Select(r =>
    {
        var row = new PublishedRow { Name = r.Name, Source = Source };
        foreach (var (paper, attack) in Columns)
            row.AccuracyAt80[attack] = r.Scores[paper];
        return row;
    });

    /// <summary>
    /// The rows to compare a reference model with (undefended ones for an undefended model, robust ones
    /// for adversarial training), keyed "row name: attack" with this server's attack names, so each
    /// lines up with the measured eval_&lt;attack&gt; metric of the same attack.
    /// </summary>
    public static IReadOnlyDictionary<string, double> ComparableTo(bool robust)
    {
        var compared = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var row in Rows.Where(r => r.Robust == robust))
        {
            foreach (var (paper, attack) in Columns)
                compared[$"{row.Name}: {attack}"] = row.Scores[paper];
        }
        return compared;
    }

    // The paper's percentages, stored as fractions like every accuracy this server reports.
    private static PublishedResult Row(string name, bool robust, double clean, double corruptions, double spatial, double spsa, double boundary) =>
        new(name, robust, new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["clean"] = clean / 100,
            ["corruptions"] = corruptions / 100,
            ["spatial"] = spatial / 100,
            ["spsa"] = spsa / 100,
            ["boundary"] = boundary / 100,
        });
}
