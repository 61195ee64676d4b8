using System.Globalization;
using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Audit;
using Contest.Server.Auth;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Notifications;
using Contest.Server.Review;
using Grpc.Core;

namespace Contest.Server.Rounds;

/// <summary>Weekly rounds, their published results, and appeals.</summary>
internal sealed class RoundServiceImpl(
    ContestDatabase db,
    RoundStore rounds,
    RoundBook book,
    RoundPublisher publisher,
    BreakBook breaks,
    Appeals appeals,
    AttackStore attacks,
    Identities identities,
    ReviewDesk desk,
    IReviewProgress reviews,
    NotificationHub hub,
    AuditLog audit) : RoundService.RoundServiceBase
{
    [RequireRole]
    public override Task<Round> GetCurrentRound(GetCurrentRoundRequest request, ServerCallContext context) =>
        Task.FromResult(ToProto(db.Write(book.Current), context.GetCaller()));

    [RequireRole]
    public override Task<ListRoundsResponse> ListRounds(ListRoundsRequest request, ServerCallContext context)
    {
        db.Write(book.Current);
        var response = new ListRoundsResponse();
        var caller = context.GetCaller();
        response.Rounds.AddRange(rounds.All().Select(r => ToProto(r, caller)));
        return Task.FromResult(response);
    }

    [RequireRole]
    public override Task<Round> GetRound(GetRoundRequest request, ServerCallContext context) =>
        Task.FromResult(ToProto(Find(request.RoundId), context.GetCaller()));

    [RequireRole(Role.Organizer)]
    public override Task<Round> CloseRound(CloseRoundRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var closed = db.Write(() =>
        {
            var round = book.CloseNow();
            audit.Append(caller, "round.close", $"round/{round.Id}", request.Reason, new() { ["number"] = round.Number.ToString(CultureInfo.InvariantCulture) });
            var (id, number) = (round.Id, round.Number);
            db.AfterCommit(() => hub.ToAll(NotificationKind.RoundClosed, $"round {number} was closed by the organizers; its images are being reviewed.", roundId: id));
            // A round with nothing left to review publishes at once.
            publisher.Advance();
            return round;
        });
        return Task.FromResult(ToProto(Find(closed.Id), caller));
    }

    [RequireRole]
    public override Task<RoundResults> GetRoundResults(GetRoundResultsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var round = Find(request.RoundId);
        if (round.Status != RoundStatus.Published && !caller.IsOrganizer)
            throw RpcErrors.FailedPrecondition($"round {round.Number} is {Words.Of(round.Status)}; its results are published once its reviews are complete.");
        var results = new RoundResults { Round = ToProto(round, caller) };
        foreach (var entry in breaks.BreaksIn(round.Id))
        {
            results.Breaks.Add(new Break
            {
                DefenseId = entry.Defense.Id,
                DefenseName = entry.Defense.Name,
                AttackId = entry.Attack.Id,
                AttackerTeamId = entry.Attack.TeamId,
                AttackerTeamName = identities.TeamName(entry.Attack.TeamId),
                FirstBreak = entry.FirstBreak,
                ByFailure = entry.ByFailure,
                BrokenAt = ProtoTime.From(entry.Attack.SubmittedAt),
            });
        }
        foreach (var attack in attacks.InRound(round.Id))
        {
            var answered = desk.Answered(attack.Id);
            var published = new PublishedAttack
            {
                Attack = attack.ToProto(identities.Team(attack.TeamId), reviews.Done(attack.Id), reviews.Needed),
                ValidityReason = attack.ValidityReason,
            };
            published.Reviews.AddRange(answered.Select(x => x.Review.ToProto(x.Handle)));
            results.Attacks.Add(published);
        }
        return Task.FromResult(results);
    }

    [RequireRole(Role.Defender)]
    public override Task<Appeal> FileAppeal(FileAppealRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
            throw RpcErrors.InvalidArgument("an appeal needs a reason.");
        var appeal = appeals.File(context.GetCaller(), request.DefenseId, request.AttackId, request.Reason);
        hub.ToTeam(appeal.TeamId, NotificationKind.Appeal, $"appeal {appeal.Id} filed against attack {appeal.AttackId}.", attackId: appeal.AttackId, defenseId: appeal.DefenseId);
        return Task.FromResult(appeal.ToProto());
    }

    [RequireRole]
    public override Task<ListAppealsResponse> ListAppeals(ListAppealsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var response = new ListAppealsResponse();
        response.Appeals.AddRange(rounds.Appeals(caller.IsOrganizer ? null : caller.TeamId, request.OpenOnly).Select(a => a.ToProto()));
        return Task.FromResult(response);
    }

    [RequireRole(Role.Organizer)]
    public override Task<Appeal> ResolveAppeal(ResolveAppealRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
            throw RpcErrors.InvalidArgument("resolving an appeal needs a written reason.");
        var appeal = appeals.Resolve(context.GetCaller(), request.AppealId, request.Uphold, request.Reason);
        hub.ToTeam(appeal.TeamId, NotificationKind.Appeal, $"appeal {appeal.Id} {(request.Uphold ? "upheld" : "rejected")}: {appeal.Resolution}",
            attackId: appeal.AttackId, defenseId: appeal.DefenseId);
        return Task.FromResult(appeal.ToProto());
    }

    private RoundRecord Find(string id) => rounds.Find(id) ?? throw RpcErrors.NotFound("round", id);

    private Round ToProto(RoundRecord round, Caller caller) => RoundTally.ToProto(round, attacks.InRound(round.Id), caller);
}
