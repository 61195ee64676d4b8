using Contest.Contracts.V1;
using Contest.Server.Audit;
using Contest.Server.Auth;
using Contest.Server.Contest;
using Contest.Server.Errors;
using Contest.Server.Mapping;
using Contest.Server.Rules;
using Contest.Server.Storage;
using Google.Protobuf;
using Grpc.Core;

namespace Contest.Server.Services.Review;

/// <summary>Human review of candidate images, and organizer overrules.</summary>
internal sealed class ReviewServiceImpl(
    ContestDatabase db,
    BlobStore blobs,
    ReviewDesk desk,
    RoundPublisher publisher,
    NotificationHub hub,
    AuditLog audit,
    TimeProvider clock) : ReviewService.ReviewServiceBase
{
    [RequireRole(Role.Reviewer)]
    public override async Task<ReviewItem> NextReviewItem(NextReviewItemRequest request, ServerCallContext context)
    {
        var assignment = desk.Next(context.GetCaller())
            ?? throw RpcErrors.NotFound("no image is waiting for your review right now.");
        var attack = db.Attacks.FindById(assignment.AttackId)!;
        await using var file = blobs.OpenRead(attack.ImageSha256);
        var bytes = new byte[file.Length];
        await file.ReadExactlyAsync(bytes, context.CancellationToken);
        // Only what a reviewer needs: the pixels. No attack id, team, claim or verdicts.
        return new ReviewItem
        {
            ItemId = assignment.Id,
            Image = ByteString.CopyFrom(bytes),
            ContentType = attack.ContentType,
            Width = ValidityRule.ImageSide,
            Height = ValidityRule.ImageSide,
            AssignedAt = ProtoTime.From(assignment.AssignedAt),
        };
    }

    [RequireRole(Role.Reviewer)]
    public override Task<Contracts.V1.Review> SubmitReview(SubmitReviewRequest request, ServerCallContext context)
    {
        var (review, attack) = desk.Submit(context.GetCaller(), request);
        hub.ToTeam(attack.TeamId, NotificationKind.Review,
            attack.Status is AttackStatus.Valid or AttackStatus.Invalid
                ? $"attack {attack.Id} was judged {(attack.Status == AttackStatus.Valid ? "valid" : "invalid")}: {attack.ValidityReason}"
                : $"attack {attack.Id} received a review.",
            attackId: attack.Id);
        publisher.Advance();
        var proto = review.ToProto("you");
        // The reviewer sees their own answers, not which attack the item was.
        proto.AttackId = "";
        return Task.FromResult(proto);
    }

    [RequireRole(Role.Organizer)]
    public override Task<ListReviewsResponse> ListReviews(ListReviewsRequest request, ServerCallContext context)
    {
        _ = db.Attacks.FindById(request.AttackId) ?? throw RpcErrors.NotFound("attack", request.AttackId);
        var response = new ListReviewsResponse();
        response.Reviews.AddRange(desk.Answered(request.AttackId).Select(x => x.Review.ToProto(x.Handle)));
        return Task.FromResult(response);
    }

    [RequireRole(Role.Organizer)]
    public override Task<OverruleResponse> Overrule(OverruleRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        if (string.IsNullOrWhiteSpace(request.Reason))
            throw RpcErrors.InvalidArgument("an overrule needs a written reason; it is published with the image.");
        var attack = db.Write(() =>
        {
            var attack = db.Attacks.FindById(request.AttackId) ?? throw RpcErrors.NotFound("attack", request.AttackId);
            if (attack.Status is AttackStatus.Unspecified or AttackStatus.NotCandidate)
                throw RpcErrors.FailedPrecondition($"attack {attack.Id} fooled no defense; there is nothing to overrule.");
            attack.Status = request.Valid ? AttackStatus.Valid : AttackStatus.Invalid;
            attack.Overruled = true;
            attack.OverruleReason = request.Reason.Trim();
            attack.ValidityReason = $"overruled by the organizers: {attack.OverruleReason}";
            attack.DecidedAt = clock.GetUtcNow().UtcDateTime;
            db.Attacks.Update(attack);
            publisher.RecomputeDefensesTouchedBy(attack.RoundId);
            audit.Append(caller, "review.overrule", $"attack/{attack.Id}", attack.OverruleReason, new() { ["valid"] = request.Valid ? "true" : "false" });
            return attack;
        });
        hub.ToTeam(attack.TeamId, NotificationKind.Review, $"attack {attack.Id} was overruled as {(request.Valid ? "valid" : "invalid")}: {attack.OverruleReason}", attackId: attack.Id);
        publisher.Advance();
        return Task.FromResult(new OverruleResponse { AttackId = attack.Id, Valid = request.Valid, Reason = attack.OverruleReason });
    }
}
