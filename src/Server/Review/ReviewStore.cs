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

    /// <summary>The key's unanswered assignments handed out after <paramref name="expiry"/>, oldest first.</summary>
    public IReadOnlyList<ReviewRecord> OpenAssignments(string reviewerKeyId, DateTime expiry) =>
        [.. _reviews.Find(r => r.ReviewerKeyId == reviewerKeyId && r.SubmittedAt == null && r.AssignedAt > expiry).OrderBy(r => r.AssignedAt)];

    /// <summary>Every image this reviewer was ever assigned.</summary>
    public IReadOnlySet<string> AttacksAssignedTo(string reviewerKeyId) =>
        _reviews.Find(r => r.ReviewerKeyId == reviewerKeyId).Select(r => r.AttackId).ToHashSet();

    /// <summary>
    /// Reviews of each image that count: answered, or assigned after <paramref name="expiry"/> and still
    /// open. One index lookup for all the images (the desk asks about every image in review at once).
    /// </summary>
    public ILookup<string, ReviewRecord> Active(IReadOnlyCollection<string> attackIds, DateTime expiry) =>
        attackIds.Count == 0
            ? Array.Empty<ReviewRecord>().ToLookup(r => r.AttackId)
            : _reviews.Find(Query.In(nameof(ReviewRecord.AttackId), new BsonArray(attackIds.Select(id => new BsonValue(id)))))
                .Where(r => r.SubmittedAt != null || r.AssignedAt > expiry)
                .ToLookup(r => r.AttackId, StringComparer.Ordinal);

    /// <summary>Whether a key of this team has answered for the image.</summary>
    public bool TeamAnswered(string attackId, string teamId) =>
        _reviews.Exists(r => r.AttackId == attackId && r.ReviewerTeamId == teamId && r.SubmittedAt != null);

    /// <summary>The image's answered reviews, in the order they were answered.</summary>
    public IReadOnlyList<ReviewRecord> Answered(string attackId) =>
        [.. _reviews.Find(r => r.AttackId == attackId && r.SubmittedAt != null).OrderBy(r => r.SubmittedAt)];

    /// <summary>How many teams answered for the image (a team's several keys count once).</summary>
    public int AnsweredTeams(string attackId) =>
        _reviews.Find(r => r.AttackId == attackId && r.SubmittedAt != null).Select(r => r.ReviewerTeamId).Distinct(StringComparer.Ordinal).Count();
}
