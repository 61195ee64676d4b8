namespace Contest.Server.Review;

/// <summary>Human review of candidate images (bound from the "Contest" section).</summary>
internal sealed class ReviewOptions
{
    /// <summary>Reviews each candidate attack image needs.</summary>
    public int ReviewsPerImage { get; init; } = 3;

    /// <summary>A reviewer's unanswered assignment is given to someone else after this long.</summary>
    public int ReviewAssignmentMinutes { get; init; } = 60;
}
