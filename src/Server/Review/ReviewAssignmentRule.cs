using Contest.Server.Attacks;

namespace Contest.Server.Review;

/// <summary>
/// A candidate image waiting for review: the reviews that count (answered, or handed out and not yet
/// expired) and the teams whose defenses it would break if it were judged valid.
/// </summary>
internal sealed record ReviewCandidate(AttackRecord Attack, IReadOnlyList<ReviewRecord> ActiveReviews, IReadOnlySet<string> DefendingTeams)
{
    /// <summary>Reviews count per team: several keys of one team are one reviewer.</summary>
    public int ReviewingTeams => ActiveReviews.Select(r => r.ReviewerTeamId).Distinct(StringComparer.Ordinal).Count();
}

/// <summary>
/// Which image a reviewer gets next: only one their team may review (<see cref="MayReview"/>), never
/// one this key was already given, never one that already has every review it needs; of the rest,
/// the one with the fewest reviewing teams, then the oldest.
/// </summary>
internal static class ReviewAssignmentRule
{
    public static AttackRecord? Choose(string reviewerTeamId, IReadOnlySet<string> alreadyAssigned, IEnumerable<ReviewCandidate> inReview, int needed) =>
        inReview
            .Where(c => MayReview(reviewerTeamId, c) && !alreadyAssigned.Contains(c.Attack.Id))
            .Where(c => c.ReviewingTeams < needed)
            .OrderBy(c => c.ReviewingTeams)
            .ThenBy(c => c.Attack.SubmittedAt)
            .Select(c => c.Attack)
            .FirstOrDefault();

    /// <summary>
    /// Independence: a team never reviews its own image, nor one that would break its own defense, and
    /// reviews each image once, whichever of its keys asks (a team with three keys cannot accept an image alone).
    /// </summary>
    public static bool MayReview(string teamId, ReviewCandidate candidate) =>
        candidate.Attack.TeamId != teamId
        && !candidate.DefendingTeams.Contains(teamId)
        && candidate.ActiveReviews.All(r => r.ReviewerTeamId != teamId);
}
