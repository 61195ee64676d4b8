using Contest.Contracts.V1;
using Contest.Server.Infrastructure;

namespace Contest.Server.Rounds;

/// <summary>Rounds and appeals as the API shows them.</summary>
internal static class RoundMapping
{
    public static Round ToProto(this RoundRecord r, int submissions, int candidates, int reviewsPending) => new()
    {
        Id = r.Id,
        Number = r.Number,
        Status = r.Status,
        OpensAt = ProtoTime.From(r.OpensAt),
        ClosesAt = ProtoTime.From(r.ClosesAt),
        ClosedAt = ProtoTime.From(r.ClosedAt),
        PublishedAt = ProtoTime.From(r.PublishedAt),
        Submissions = submissions,
        Candidates = candidates,
        ReviewsPending = reviewsPending,
    };

    public static Appeal ToProto(this AppealRecord a) => new()
    {
        Id = a.Id,
        DefenseId = a.DefenseId,
        AttackId = a.AttackId,
        TeamId = a.TeamId,
        Reason = a.Reason,
        Status = a.Status,
        Resolution = a.Resolution,
        FiledAt = ProtoTime.From(a.FiledAt),
        ResolvedAt = ProtoTime.From(a.ResolvedAt),
    };
}
