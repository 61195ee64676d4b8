using Contest.Server.Attacks;
using Contest.Server.Defenses;

namespace Contest.Server.Review;

/// <summary>
/// The teams with a stake in an image's validity besides its submitter: the owners of the defenses it
/// is a candidate against, which a valid image breaks. They may not review it (<see cref="ReviewAssignmentRule"/>).
/// </summary>
internal sealed class ReviewConflicts(DefenseStore defenses)
{
    public IReadOnlySet<string> DefendingTeams(AttackRecord attack) =>
        attack.Verdicts
            .Where(v => v.Candidate)
            .Select(v => defenses.Find(v.DefenseId)?.TeamId)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
}
