using Contest.Server.Infrastructure.Storage;
using LiteDB;

namespace Contest.Server.Review;

/// <summary>Review assignments and answers, with every query on them and the indexes those queries use.</summary>
internal sealed class ReviewStore
{
    private readonly ILiteCollection<ReviewRecord> _reviews;

    public ReviewStore(ContestDatabase db)
    {
        db.Map<ReviewRecord>().Ignore(r => r.IsSubmitted);
        _reviews = db.Collection<ReviewRecord>("reviews");
        _reviews.EnsureIndex(r => r.AttackId);
        _reviews.EnsureIndex(r => r.ReviewerKeyId);
    }

    public ReviewRecord? Find(string reviewId) => _reviews.FindById(reviewId);

    public void Insert(ReviewRecord review) => _reviews.Insert(review);

    public void Update(ReviewRecord review) => _reviews.Update(review);

    /// <summary>The reviewer's unanswered assignment handed out after <paramref name="expiry"/>, if any.</summary>
    public ReviewRecord? OpenAssignment(string reviewerKeyId, DateTime expiry) =>
        _reviews.FindOne(r => r.ReviewerKeyId == reviewerKeyId && r.SubmittedAt == null && r.AssignedAt > expiry);

    /// <summary>Every image this reviewer was ever assigned.</summary>
    public IReadOnlySet<string> AttacksAssignedTo(string reviewerKeyId) =>
        _reviews.Find(r => r.ReviewerKeyId == reviewerKeyId).Select(r => r.AttackId).ToHashSet();

    /// <summary>Reviews of the image that count: answered, or assigned after <paramref name="expiry"/> and still open.</summary>
    public int Active(string attackId, DateTime expiry) =>
        _reviews.Count(r => r.AttackId == attackId && (r.SubmittedAt != null || r.AssignedAt > expiry));

    /// <summary>The image's answered reviews, in the order they were answered.</summary>
    public IReadOnlyList<ReviewRecord> Answered(string attackId) =>
        [.. _reviews.Find(r => r.AttackId == attackId && r.SubmittedAt != null).OrderBy(r => r.SubmittedAt)];

    public int AnsweredCount(string attackId) => _reviews.Count(r => r.AttackId == attackId && r.SubmittedAt != null);
}
