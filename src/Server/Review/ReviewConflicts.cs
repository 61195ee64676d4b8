using Contest.Server.Attacks;
using Contest.Server.Defenses;

namespace Contest.Server.Review;

/// <summary>
/// The teams with a stake in an image's validity besides its submitter: the owners of the defenses it
/// is a candidate against, which a valid image breaks. They may not review it (<see cref="ReviewAssignmentRule"/>).
/// </summary>
internal sealed class ReviewConflicts(DefenseStore defenses)
{
    /// <summary>A lookup for one pass over many images (call inside a write): each defense's owner is read once.</summary>
    public Func<AttackRecord, IReadOnlySet<string>> Lookup()
    {
        var owners = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? OwnerOf(string defenseId)
        {
            if (!owners.TryGetValue(defenseId, out var owner))
                owners[defenseId] = owner = defenses.Find(defenseId)?.TeamId;
            return owner;
        }
        return attack => attack.Verdicts.Where(v => v.Candidate).Select(v => OwnerOf(v.DefenseId)).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }
}
