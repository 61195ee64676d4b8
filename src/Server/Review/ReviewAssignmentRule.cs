using Contest.Server.Attacks;

namespace Contest.Server.Review;

/// <summary>A candidate image waiting for review, and the reviews it already has (answered or handed out).</summary>
internal sealed record ReviewCandidate(AttackRecord Attack, int ActiveReviews);

/// <summary>
/// Which image a reviewer gets next: never one of their own team's, never one they were already given,
/// never one that already has every review it needs; of the rest, the one with the fewest reviews,
/// then the oldest. Reviewers are judged by key, so two people of one team sharing a key count as one.
/// </summary>
internal static class ReviewAssignmentRule
{
    public static AttackRecord? Choose(string reviewerTeamId, IReadOnlySet<string> alreadyAssigned, IEnumerable<ReviewCandidate> inReview, int needed) =>
        inReview
            .Where(c => c.Attack.TeamId != reviewerTeamId && !alreadyAssigned.Contains(c.Attack.Id))
            .Where(c => c.ActiveReviews < needed)
            .OrderBy(c => c.ActiveReviews)
            .ThenBy(c => c.Attack.SubmittedAt)
            .Select(c => c.Attack)
            .FirstOrDefault();
}
