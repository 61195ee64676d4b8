using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Audit;
using Contest.Server.Auth;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Notifications;
using Microsoft.Extensions.Options;

namespace Contest.Server.Review;

/// <summary>
/// Hands candidate images to reviewers and records their answers (see <see cref="ReviewAssignmentRule"/>),
/// one answer per team and image. After the required number of teams' reviews the <see cref="ValidityRule"/> decides, unless an organizer
/// overruled; either way the <see cref="IValidityListener"/> hears of it in the same write.
/// </summary>
internal sealed class ReviewDesk(
    ContestDatabase db,
    ReviewStore reviews,
    AttackStore attacks,
    ReviewConflicts conflicts,
    IValidityListener listener,
    NotificationHub hub,
    AuditLog audit,
    TimeProvider clock,
    IOptions<ReviewOptions> options)
{
    private int Needed => options.Value.ReviewsPerImage;

    /// <summary>The caller's open assignment, or a new one; null when nothing waits for this reviewer.</summary>
    public ReviewRecord? Next(Caller reviewer) => db.Write(() =>
    {
        var now = Now;
        var expiry = now.AddMinutes(-options.Value.ReviewAssignmentMinutes);
        var open = reviews.OpenAssignments(reviewer.KeyId, expiry).FirstOrDefault(a => StillWanted(a, reviewer.TeamId));
        if (open is not null)
            return open;

        var inReview = attacks.InReview().ToList();
        var active = reviews.Active([.. inReview.Select(a => a.Id)], expiry);
        var defendingTeams = conflicts.Lookup();
        var candidates = inReview.Select(a => new ReviewCandidate(a, [.. active[a.Id]], defendingTeams(a)));
        var chosen = ReviewAssignmentRule.Choose(reviewer.TeamId, reviews.AttacksAssignedTo(reviewer.KeyId), candidates, Needed);
        if (chosen is null)
            return null;
        var assignment = new ReviewRecord
        {
            Id = Ids.New("rev"),
            AttackId = chosen.Id,
            ReviewerKeyId = reviewer.KeyId,
            ReviewerTeamId = reviewer.TeamId,
            AssignedAt = now,
        };
        reviews.Insert(assignment);
        return assignment;
    });

    /// <summary>Records answers; returns the review and the attack (decided when this was the last review needed).</summary>
    public (ReviewRecord Review, AttackRecord Attack) Submit(Caller reviewer, SubmitReviewRequest request)
    {
        CheckAnswers(request);
        return db.Write(() =>
        {
            var review = reviews.Find(request.ItemId);
            if (review is null || review.ReviewerTeamId != reviewer.TeamId)
                throw RpcErrors.NotFound($"no review item '{request.ItemId}' assigned to you; get one with NextReviewItem.");
            if (review.ReviewerKeyId != reviewer.KeyId)
                throw RpcErrors.PermissionDenied(
                    $"item {review.Id} was handed to another key of your team; only that key answers it, and your team reviews each image once.");
            if (review.IsSubmitted)
                throw RpcErrors.FailedPrecondition($"you already answered item {review.Id}.");
            var attack = attacks.Find(review.AttackId) ?? throw RpcErrors.NotFound($"item {review.Id} no longer exists.");
            if (attack.Status != AttackStatus.InReview)
                throw RpcErrors.FailedPrecondition($"item {review.Id} no longer needs review (it was decided meanwhile).");
            if (reviews.TeamAnswered(attack.Id, reviewer.TeamId))
                throw RpcErrors.FailedPrecondition(
                    $"your team has already reviewed the image of item {review.Id} (another of its keys answered it); each team reviews an image once. Ask for the next item.");
            review.SubmittedAt = Now;
            review.Bird = request.Bird;
            review.Bicycle = request.Bicycle;
            review.BoxX = request.Box.X;
            review.BoxY = request.Box.Y;
            review.BoxWidth = request.Box.Width;
            review.BoxHeight = request.Box.Height;
            review.Truncated = request.Truncated;
            review.Occluded = request.Occluded;
            review.Depiction = request.Depiction;
            reviews.Update(review);

            var answers = reviews.Answered(attack.Id);
            // A team counts once, even where answers of several of its keys were recorded before that rule.
            if (answers.Select(r => r.ReviewerTeamId).Distinct(StringComparer.Ordinal).Count() < Needed || attack.Overruled)
            {
                Tell(attack, $"attack {attack.Id} received a review.");
                return (review, attack);
            }
            var decision = ValidityRule.Decide(attack.ClaimedLabel, [.. answers.Select(ToAnswers)]);
            Decide(attack, decision.Valid, decision.Reason);
            Tell(attack, $"attack {attack.Id} was judged {(decision.Valid ? "valid" : "invalid")}: {attack.ValidityReason}");
            listener.ValidityChanged(attack);
            return (review, attack);
        });
    }

    /// <summary>An organizer's decision, published with the image, in place of the reviewers'.</summary>
    public AttackRecord Overrule(Caller organizer, string attackId, bool valid, string reason) => db.Write(() =>
    {
        var attack = attacks.Find(attackId) ?? throw RpcErrors.NotFound("attack", attackId);
        if (attack.Status is AttackStatus.Unspecified or AttackStatus.NotCandidate)
            throw RpcErrors.FailedPrecondition($"attack {attack.Id} fooled no defense; there is nothing to overrule.");
        attack.Overruled = true;
        attack.OverruleReason = reason.Trim();
        Decide(attack, valid, $"overruled by the organizers: {attack.OverruleReason}");
        audit.Append(organizer, "review.overrule", $"attack/{attack.Id}", attack.OverruleReason, new() { ["valid"] = valid ? "true" : "false" });
        Tell(attack, $"attack {attack.Id} was overruled as {(valid ? "valid" : "invalid")}: {attack.OverruleReason}");
        listener.ValidityChanged(attack);
        return attack;
    });

    /// <summary>Anonymous, stable handles for an attack's reviewers: reviewer-1, -2, ... in answer order.</summary>
    public IReadOnlyList<(ReviewRecord Review, string Handle)> Answered(string attackId) =>
        [.. reviews.Answered(attackId).Select((r, i) => (r, $"reviewer-{i + 1}"))];

    private void Decide(AttackRecord attack, bool valid, string reason)
    {
        attack.Status = valid ? AttackStatus.Valid : AttackStatus.Invalid;
        attack.ValidityReason = reason;
        attack.DecidedAt = Now;
        attacks.Update(attack);
    }

    /// <summary>Tells the attacker's team, once the write commits (and before what the listener announces).</summary>
    private void Tell(AttackRecord attack, string message)
    {
        var (teamId, attackId) = (attack.TeamId, attack.Id);
        db.AfterCommit(() => hub.ToTeam(teamId, NotificationKind.Review, message, attackId: attackId));
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>An open assignment is still wanted while its image is in review and no other key of the team has answered it.</summary>
    private bool StillWanted(ReviewRecord assignment, string teamId) =>
        attacks.Find(assignment.AttackId)?.Status == AttackStatus.InReview && !reviews.TeamAnswered(assignment.AttackId, teamId);

    private static ReviewAnswers ToAnswers(ReviewRecord r) =>
        new(r.Bird, r.Bicycle, r.BoxWidth, r.BoxHeight, r.Truncated, r.Occluded, r.Depiction);

    private static void CheckAnswers(SubmitReviewRequest request)
    {
        if (request.Bird == Certainty.Unspecified || request.Bicycle == Certainty.Unspecified)
            throw RpcErrors.InvalidArgument("answer both questions (is there a bird? is there a bicycle?) with definitely_yes, maybe_yes, maybe_no or definitely_no.");
        var box = request.Box ?? throw RpcErrors.InvalidArgument("draw a box around the largest object (x, y, width, height in pixels).");
        const int side = ValidityRule.ImageSide;
        if (box.Width <= 0 || box.Height <= 0 || box.X < 0 || box.Y < 0 || box.X + box.Width > side || box.Y + box.Height > side)
            throw RpcErrors.InvalidArgument($"the box {box.X},{box.Y},{box.Width},{box.Height} must lie inside the {side}x{side} image with a positive width and height.");
    }
}
