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

    /// <summary>Reviews of the image that count: answered, or assigned after <paramref name="expiry"/> and still open.</summary>
    public IReadOnlyList<ReviewRecord> Active(string attackId, DateTime expiry) =>
        [.. _reviews.Find(r => r.AttackId == attackId && (r.SubmittedAt != null || r.AssignedAt > expiry))];

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
