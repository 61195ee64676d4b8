using Contest.Server.Attacks;
using Microsoft.Extensions.Options;

namespace Contest.Server.Review;

/// <summary>How many reviews an image needs and has (one per team), for the attack pages.</summary>
internal sealed class ReviewProgress(ReviewStore reviews, IOptions<ReviewOptions> options) : IReviewProgress
{
    public int Needed => options.Value.ReviewsPerImage;

    public int Done(string attackId) => reviews.AnsweredTeams(attackId);
}
