using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Errors;
using Contest.Server.Hosting;
using Contest.Server.Rules;
using Contest.Server.Storage;
using Contest.Server.Storage.Records;
using Microsoft.Extensions.Options;

namespace Contest.Server.Contest;

/// <summary>
/// Hands candidate images to reviewers and records their answers. A reviewer never gets an image
/// of their own team, never one they already answered, and never learns who submitted it. After
/// the required number of reviews the validity rule decides (unless an organizer overruled).
/// </summary>
internal sealed class ReviewDesk(ContestDatabase db, TimeProvider clock, IOptions<ContestServerOptions> options)
{
    private int Needed => options.Value.ReviewsPerImage;

    /// <summary>The caller's open assignment, or a new one; null when nothing waits for this reviewer.</summary>
    public ReviewRecord? Next(Caller reviewer) => db.Write(() =>
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expiry = now.AddMinutes(-options.Value.ReviewAssignmentMinutes);
        var open = db.Reviews.FindOne(r => r.ReviewerKeyId == reviewer.KeyId && r.SubmittedAt == null && r.AssignedAt > expiry);
        if (open is not null && db.Attacks.FindById(open.AttackId)?.Status == AttackStatus.InReview)
            return open;

        var mine = db.Reviews.Find(r => r.ReviewerKeyId == reviewer.KeyId).Select(r => r.AttackId).ToHashSet();
        var candidate = db.Attacks.Find(a => a.Status == AttackStatus.InReview)
            .Where(a => a.TeamId != reviewer.TeamId && !mine.Contains(a.Id))
            .Select(a => (Attack: a, Active: db.Reviews.Count(r => r.AttackId == a.Id && (r.SubmittedAt != null || r.AssignedAt > expiry))))
            .Where(x => x.Active < Needed)
            .OrderBy(x => x.Active)
            .ThenBy(x => x.Attack.SubmittedAt)
            .Select(x => x.Attack)
            .FirstOrDefault();
        if (candidate is null)
            return null;
        var assignment = new ReviewRecord
        {
            Id = Ids.New("rev"),
            AttackId = candidate.Id,
            ReviewerKeyId = reviewer.KeyId,
            ReviewerTeamId = reviewer.TeamId,
            AssignedAt = now,
        };
        db.Reviews.Insert(assignment);
        return assignment;
    });

    /// <summary>Records answers; returns the review and the attack (decided when this was the last review needed).</summary>
    public (ReviewRecord Review, AttackRecord Attack) Submit(Caller reviewer, SubmitReviewRequest request)
    {
        CheckAnswers(request);
        return db.Write(() =>
        {
            var review = db.Reviews.FindById(request.ItemId);
            if (review is null || review.ReviewerKeyId != reviewer.KeyId)
                throw RpcErrors.NotFound($"no review item '{request.ItemId}' assigned to you; get one with NextReviewItem.");
            if (review.IsSubmitted)
                throw RpcErrors.FailedPrecondition($"you already answered item {review.Id}.");
            var attack = db.Attacks.FindById(review.AttackId) ?? throw RpcErrors.NotFound($"item {review.Id} no longer exists.");
            if (attack.Status != AttackStatus.InReview)
                throw RpcErrors.FailedPrecondition($"item {review.Id} no longer needs review (it was decided meanwhile).");
            review.SubmittedAt = clock.GetUtcNow().UtcDateTime;
            review.Bird = request.Bird;
            review.Bicycle = request.Bicycle;
            review.BoxX = request.Box.X;
            review.BoxY = request.Box.Y;
            review.BoxWidth = request.Box.Width;
            review.BoxHeight = request.Box.Height;
            review.Truncated = request.Truncated;
            review.Occluded = request.Occluded;
            review.Depiction = request.Depiction;
            db.Reviews.Update(review);

            var answers = db.Reviews.Find(r => r.AttackId == attack.Id && r.SubmittedAt != null).OrderBy(r => r.SubmittedAt).ToList();
            if (answers.Count >= Needed && !attack.Overruled)
            {
                var decision = ValidityRule.Decide(attack.ClaimedLabel, answers.Select(ToAnswers).ToList());
                attack.Status = decision.Valid ? AttackStatus.Valid : AttackStatus.Invalid;
                attack.ValidityReason = decision.Reason;
                attack.DecidedAt = clock.GetUtcNow().UtcDateTime;
                db.Attacks.Update(attack);
            }
            return (review, attack);
        });
    }

    /// <summary>Anonymous, stable handles for an attack's reviewers: reviewer-1, -2, ... in answer order.</summary>
    public IReadOnlyList<(ReviewRecord Review, string Handle)> Answered(string attackId) =>
        db.Reviews.Find(r => r.AttackId == attackId && r.SubmittedAt != null)
            .OrderBy(r => r.SubmittedAt)
            .Select((r, i) => (r, $"reviewer-{i + 1}"))
            .ToList();

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
