namespace Contest.Core.Rules;

/// <summary>
/// The evaluation suites a defender can run and the attacks each contains, in report order: the
/// warm-up suite is the original kit's five attacks in their order, then white-box PGD.
/// </summary>
public static class AttackSuites
{
    /// <summary>Clean accuracy only.</summary>
    public const string Clean = "clean";

    /// <summary>The warm-up attack suite.</summary>
    public const string Warmup = "warmup";

    /// <summary>Every suite, in the order people are told about them.</summary>
    public static IReadOnlyList<string> All { get; } = [Clean, Warmup];

    /// <summary>The warm-up suite's attacks, in the order they run and are reported.</summary>
    public static IReadOnlyList<string> WarmupAttacks { get; } =
        ["clean", "spatial_grid", "common_corruptions", "spsa_with_random_spatial", "boundary_with_random_spatial", "pgd_linf"];

    /// <summary>
    /// The same attacks in the order of the original kit's README table (the warm-up leaderboard's
    /// columns): clean, then common corruptions before the spatial grid.
    /// </summary>
    public static IReadOnlyList<string> WarmupTableColumns { get; } =
        ["clean", "common_corruptions", "spatial_grid", "spsa_with_random_spatial", "boundary_with_random_spatial", "pgd_linf"];

    /// <summary>Whether <paramref name="suite"/> names a suite.</summary>
    public static bool IsKnown(string suite) => All.Contains(suite);

    /// <summary>The attacks of a suite, in order.</summary>
    /// <exception cref="ArgumentException">The suite is unknown.</exception>
    public static IReadOnlyList<string> AttacksOf(string suite) => suite switch
    {
        Clean => [Clean],
        Warmup => WarmupAttacks,
        _ => throw new ArgumentException($"unknown suite '{suite}'; the suites are {string.Join(" and ", All)}.", nameof(suite)),
    };
}
