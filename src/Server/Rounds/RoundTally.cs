using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Auth;

namespace Contest.Server.Rounds;

/// <summary>
/// A round's counts (submissions, candidates, images awaiting review) as a caller may see them. Until
/// the round is published they move with every submission, verdict and review, so a participant sees
/// only their own team's; organizers, and everyone once the round is published, see all teams'.
/// </summary>
internal static class RoundTally
{
    public static Round ToProto(RoundRecord round, IReadOnlyList<AttackRecord> inRound, Caller caller)
    {
        var ownTeamOnly = round.Status != RoundStatus.Published && !caller.IsOrganizer;
        var counted = ownTeamOnly ? [.. inRound.Where(a => a.TeamId == caller.TeamId)] : inRound;
        var proto = round.ToProto(
            counted.Count,
            counted.Count(a => a.Verdicts.Any(v => v.Candidate)),
            counted.Count(a => a.Status == AttackStatus.InReview));
        proto.OwnTeamOnly = ownTeamOnly;
        return proto;
    }
}
