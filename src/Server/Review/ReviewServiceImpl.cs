using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Auth;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Storage;
using Grpc.Core;

namespace Contest.Server.Review;

/// <summary>Human review of candidate images, and organizer overrules.</summary>
internal sealed class ReviewServiceImpl(
    AttackStore attacks,
    BlobStore blobs,
    ReviewDesk desk) : ReviewService.ReviewServiceBase
{
    [RequireRole(Role.Reviewer)]
    public override async Task<ReviewItem> NextReviewItem(NextReviewItemRequest request, ServerCallContext context)
    {
        var assignment = desk.Next(context.GetCaller())
            ?? throw RpcErrors.NotFound("no image is waiting for your review right now.");
        var attack = attacks.Find(assignment.AttackId) ?? throw RpcErrors.NotFound("the image assigned to you was removed; ask again.");
        await using var file = blobs.OpenRead(attack.ImageSha256);
        var bytes = new byte[file.Length];
        await file.ReadExactlyAsync(bytes, context.CancellationToken);
        return assignment.ToItem(bytes, attack.ContentType);
    }

    [RequireRole(Role.Reviewer)]
    public override Task<Contracts.V1.Review> SubmitReview(SubmitReviewRequest request, ServerCallContext context)
    {
        var (review, _) = desk.Submit(context.GetCaller(), request);
        var proto = review.ToProto("you");
        // The reviewer sees their own answers, not which attack the item was.
        proto.AttackId = "";
        return Task.FromResult(proto);
    }

    [RequireRole(Role.Organizer)]
    public override Task<ListReviewsResponse> ListReviews(ListReviewsRequest request, ServerCallContext context)
    {
        _ = attacks.Find(request.AttackId) ?? throw RpcErrors.NotFound("attack", request.AttackId);
        var response = new ListReviewsResponse();
        response.Reviews.AddRange(desk.Answered(request.AttackId).Select(x => x.Review.ToProto(x.Handle)));
        return Task.FromResult(response);
    }

    [RequireRole(Role.Organizer)]
    public override Task<OverruleResponse> Overrule(OverruleRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
            throw RpcErrors.InvalidArgument("an overrule needs a written reason; it is published with the image.");
        var attack = desk.Overrule(context.GetCaller(), request.AttackId, request.Valid, request.Reason);
        return Task.FromResult(new OverruleResponse { AttackId = attack.Id, Valid = request.Valid, Reason = attack.OverruleReason });
    }
}
