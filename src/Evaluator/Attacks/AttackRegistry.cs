using Contest.Core.Rules;
using Contest.Evaluator.Attacks.Boundary;
using Contest.Evaluator.Attacks.Clean;
using Contest.Evaluator.Attacks.Corruptions;
using Contest.Evaluator.Attacks.Pgd;
using Contest.Evaluator.Attacks.Spatial;
using Contest.Evaluator.Attacks.Spsa;

namespace Contest.Evaluator.Attacks;

/// <summary>The attacks of the warm-up suite (<see cref="AttackSuites.WarmupAttacks"/>) by name.</summary>
public static class AttackRegistry
{
    /// <summary>The attack <paramref name="name"/> with the budget of <paramref name="profile"/>.</summary>
    public static IAttack Create(string name, AttackProfile profile)
    {
        var quick = profile == AttackProfile.Quick;
        return name switch
        {
            "clean" => new CleanAttack(profile),
            "spatial_grid" => new SpatialGridAttack(profile, quick ? SpatialGridOptions.Quick : SpatialGridOptions.Standard),
            "common_corruptions" => new CommonCorruptionsAttack(profile),
            "spsa_with_random_spatial" => new SpsaAttack(profile, quick ? SpsaOptions.Quick : SpsaOptions.Standard),
            "boundary_with_random_spatial" => new BoundaryAttack(profile, quick ? BoundaryOptions.Quick : BoundaryOptions.Standard),
            "pgd_linf" => new PgdAttack(profile, quick ? PgdOptions.Quick : PgdOptions.Standard),
            _ => throw new ArgumentException($"unknown attack '{name}'; known: {string.Join(", ", AttackSuites.WarmupAttacks)}", nameof(name)),
        };
    }

    /// <summary>The whole suite with one profile.</summary>
    public static IReadOnlyList<IAttack> Suite(AttackProfile profile) => [.. AttackSuites.WarmupAttacks.Select(n => Create(n, profile))];
}
