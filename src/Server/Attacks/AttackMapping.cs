using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Infrastructure;

namespace Contest.Server.Attacks;

/// <summary>Attack submissions and verdicts as the API shows them.</summary>
internal static class AttackMapping
{
    /// <summary>The submission as the given audience may see it (the team only when <paramref name="team"/> is given).</summary>
    public static AttackSubmission ToProto(this AttackRecord a, TeamRecord? team, int reviewsDone, int reviewsNeeded)
    {
        var proto = new AttackSubmission
        {
            Id = a.Id,
            Team = team is null ? null : team.ToRef(a.TeamId),
            ImageSha256 = a.ImageSha256,
            ClaimedLabel = a.ClaimedLabel,
            SubmittedAt = ProtoTime.From(a.SubmittedAt),
            RoundId = a.RoundId,
            Status = a.Status,
            ReviewsDone = reviewsDone,
            ReviewsNeeded = a.Status is AttackStatus.NotCandidate ? 0 : reviewsNeeded,
            Overruled = a.Overruled,
            OverruleReason = a.OverruleReason,
        };
        proto.Warnings.AddRange(a.Warnings);
        proto.Verdicts.AddRange(a.Verdicts.Select(v => v.ToProto()));
        return proto;
    }

    public static Verdict ToProto(this VerdictState v)
    {
        var proto = new Verdict
        {
            DefenseId = v.DefenseId,
            Prediction = v.Prediction,
            Confidence = v.Confidence,
            Abstained = v.Abstained,
            Candidate = v.Candidate,
            Threshold = v.Threshold,
            DefenseFailed = v.DefenseFailed,
            Failure = v.Failure,
        };
        proto.Logits.AddRange(v.Logits);
        return proto;
    }
}
