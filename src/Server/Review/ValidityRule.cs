using System.Globalization;
using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Core.Rules;

namespace Contest.Server.Review;

/// <summary>One reviewer's answers, as the validity rule sees them.</summary>
internal sealed record ReviewAnswers(Certainty Bird, Certainty Bicycle, int BoxWidth, int BoxHeight, bool Truncated, bool Occluded, bool Depiction);

/// <summary>The rule's outcome: valid or not, and why in a sentence that is published with the image.</summary>
internal sealed record ValidityDecision(bool Valid, string Reason);

/// <summary>
/// The contest's rule for an attack image: every reviewer says "definitely yes" to one class and
/// "definitely no" to the other, all for the class the attacker claimed; the smallest box drawn
/// covers at least 25% of the image; and no reviewer marks it truncated, occluded or a depiction.
/// </summary>
internal static class ValidityRule
{
    public const int ImageSide = ImageSpec.Side;
    public const double MinimumBoxFraction = 0.25;

    public static ValidityDecision Decide(Label claimed, IReadOnlyList<ReviewAnswers> reviews)
    {
        if (reviews.Count == 0)
            return new ValidityDecision(false, "no reviews.");
        for (var i = 0; i < reviews.Count; i++)
        {
            var r = reviews[i];
            if (DefiniteClass(r) is not { } seen)
                return new ValidityDecision(false,
                    $"reviewer {i + 1} was not certain (bird: {Name(r.Bird)}, bicycle: {Name(r.Bicycle)}); every reviewer must say definitely yes to one class and definitely no to the other.");
            if (seen != claimed)
                return new ValidityDecision(false,
                    $"reviewer {i + 1} saw {Article(seen)}, but the attacker claimed {Article(claimed)}.");
        }
        var smallest = reviews.Min(r => (double)Math.Max(0, r.BoxWidth) * Math.Max(0, r.BoxHeight)) / (ImageSide * ImageSide);
        if (smallest < MinimumBoxFraction)
            return new ValidityDecision(false, string.Create(CultureInfo.InvariantCulture,
                $"the smallest box drawn covers {smallest:P0} of the image; the object must cover at least {MinimumBoxFraction:P0}."));
        var checks = new List<string>();
        if (reviews.Any(r => r.Truncated))
            checks.Add("truncated");
        if (reviews.Any(r => r.Occluded))
            checks.Add("occluded");
        if (reviews.Any(r => r.Depiction))
            checks.Add("a depiction, not a real object");
        if (checks.Count > 0)
            return new ValidityDecision(false, $"a reviewer marked the object {string.Join(" and ", checks)}.");
        return new ValidityDecision(true, string.Create(CultureInfo.InvariantCulture,
            $"all {reviews.Count} reviewers: definitely {Article(claimed)} and definitely not {Article(Other(claimed))}; smallest box {smallest:P0} of the image; no check failed."));
    }

    private static Label? DefiniteClass(ReviewAnswers r) => (r.Bird, r.Bicycle) switch
    {
        (Certainty.DefinitelyYes, Certainty.DefinitelyNo) => Label.Bird,
        (Certainty.DefinitelyNo, Certainty.DefinitelyYes) => Label.Bicycle,
        _ => null,
    };

    private static Label Other(Label label) => label == Label.Bird ? Label.Bicycle : Label.Bird;

    private static string Article(Label label) => label == Label.Bird ? "a bird" : "a bicycle";

    private static string Name(Certainty certainty) => Words.Of(certainty);
}
