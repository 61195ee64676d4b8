namespace Contest.Server.Attacks;

/// <summary>How far an image's human review has come. The Review feature provides it.</summary>
internal interface IReviewProgress
{
    /// <summary>Reviews each candidate image needs.</summary>
    int Needed { get; }

    /// <summary>Reviews submitted for the image so far.</summary>
    int Done(string attackId);
}
