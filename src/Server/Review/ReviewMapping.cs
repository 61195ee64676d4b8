using Contest.Contracts.V1;
using Contest.Server.Infrastructure;
using Google.Protobuf;

namespace Contest.Server.Review;

/// <summary>Reviews and review items as the API shows them.</summary>
internal static class ReviewMapping
{
    /// <summary>A reviewer's answers, under an anonymous handle ("reviewer-2", or "you").</summary>
    public static Contracts.V1.Review ToProto(this ReviewRecord r, string reviewerHandle) => new()
    {
        Id = r.Id,
        ItemId = r.Id,
        AttackId = r.AttackId,
        Bird = r.Bird,
        Bicycle = r.Bicycle,
        Box = new Box { X = r.BoxX, Y = r.BoxY, Width = r.BoxWidth, Height = r.BoxHeight },
        Truncated = r.Truncated,
        Occluded = r.Occluded,
        Depiction = r.Depiction,
        SubmittedAt = ProtoTime.From(r.SubmittedAt),
        Reviewer = reviewerHandle,
    };

    /// <summary>
    /// What a reviewer is shown: only the pixels and the item's own id. No attack id, no team, no
    /// claimed class, no verdicts: nothing that could sway the answer or reveal who made the image.
    /// </summary>
    public static ReviewItem ToItem(this ReviewRecord assignment, byte[] image, string contentType) => new()
    {
        ItemId = assignment.Id,
        Image = ByteString.CopyFrom(image),
        ContentType = contentType,
        Width = ValidityRule.ImageSide,
        Height = ValidityRule.ImageSide,
        AssignedAt = ProtoTime.From(assignment.AssignedAt),
    };
}
