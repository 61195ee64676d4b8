using Contest.Contracts.V1;
using Contest.Server.Audit;
using Contest.Server.Auth;
using Contest.Server.Contest;
using Contest.Server.Errors;
using Contest.Server.Hosting;
using Contest.Server.Mapping;
using Contest.Server.Storage;
using Contest.Server.Storage.Records;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Contest.Server.Services.Rounds;

/// <summary>Weekly rounds, their published results, and appeals.</summary>
internal sealed class RoundServiceImpl(
    ContestDatabase db,
    RoundBook rounds,
    RoundPublisher publisher,
    BreakBook breaks,
    ReviewDesk desk,
    NotificationHub hub,
    AuditLog audit,
    TimeProvider clock,
    IOptions<ContestServerOptions> options) : RoundService.RoundServiceBase
{
    [RequireRole]
    public override Task<Round> GetCurrentRound(GetCurrentRoundRequest request, ServerCallContext context) =>
        Task.FromResult(ToProto(db.Write(rounds.Current)));

    [RequireRole]
    public override Task<ListRoundsResponse> ListRounds(ListRoundsRequest request, ServerCallContext context)
    {
        db.Write(rounds.Current);
        var response = new ListRoundsResponse();
        response.Rounds.AddRange(db.Rounds.FindAll().OrderBy(r => r.Number).Select(ToProto));
        return Task.FromResult(response);
    }

    [RequireRole]
    public override Task<Round> GetRound(GetRoundRequest request, ServerCallContext context) =>
        Task.FromResult(ToProto(Find(request.RoundId)));

    [RequireRole(Role.Organizer)]
    public override Task<Round> CloseRound(CloseRoundRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var closed = db.Write(() =>
        {
            var round = rounds.CloseNow();
            audit.Append(caller, "round.close", $"round/{round.Id}", request.Reason, new() { ["number"] = round.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            return round;
        });
        hub.ToAll(NotificationKind.RoundClosed, $"round {closed.Number} was closed by the organizers; its images are being reviewed.", roundId: closed.Id);
        publisher.Advance();
        return Task.FromResult(ToProto(db.Rounds.FindById(closed.Id)!));
    }

    [RequireRole]
    public override Task<RoundResults> GetRoundResults(GetRoundResultsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var round = Find(request.RoundId);
        if (round.Status != RoundStatus.Published && !caller.IsOrganizer)
            throw RpcErrors.FailedPrecondition($"round {round.Number} is {round.Status.ToString().ToLowerInvariant()}; its results are published once its reviews are complete.");
        var results = new RoundResults { Round = ToProto(round) };
        foreach (var entry in breaks.BreaksIn(round.Id))
        {
            var attacker = db.Teams.FindById(entry.Attack.TeamId);
            results.Breaks.Add(new Break
            {
                DefenseId = entry.Defense.Id,
                DefenseName = entry.Defense.Name,
                AttackId = entry.Attack.Id,
                AttackerTeamId = entry.Attack.TeamId,
                AttackerTeamName = attacker?.Name ?? "",
                FirstBreak = entry.FirstBreak,
                BrokenAt = ProtoTime.From(entry.Attack.SubmittedAt),
            });
        }
        foreach (var attack in db.Attacks.Find(a => a.RoundId == round.Id && a.Status != AttackStatus.Unspecified).OrderBy(a => a.SubmittedAt))
        {
            var answered = desk.Answered(attack.Id);
            var published = new PublishedAttack
            {
                Attack = attack.ToProto(db.Teams.FindById(attack.TeamId), answered.Count, options.Value.ReviewsPerImage),
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
        var caller = context.GetCaller();
        if (string.IsNullOrWhiteSpace(request.Reason))
            throw RpcErrors.InvalidArgument("an appeal needs a reason.");
        var appeal = db.Write(() =>
        {
            var defense = db.Defenses.FindById(request.DefenseId) ?? throw RpcErrors.NotFound("defense", request.DefenseId);
            if (defense.TeamId != caller.TeamId && !caller.IsOrganizer)
                throw RpcErrors.PermissionDenied($"defense {defense.Id} is not your team's; only its team may appeal.");
            if (!breaks.ValidBreaksOf(defense.Id).Any(a => a.Id == request.AttackId))
                throw RpcErrors.FailedPrecondition($"attack {request.AttackId} is not a published, valid break of defense {defense.Id}.");
            if (db.Appeals.Exists(a => a.DefenseId == defense.Id && a.AttackId == request.AttackId && a.Status == AppealStatus.Open))
                throw RpcErrors.AlreadyExists("an appeal of this break is already open.");
            var appeal = new AppealRecord
            {
                Id = Ids.New("apl"),
                DefenseId = defense.Id,
                AttackId = request.AttackId,
                TeamId = defense.TeamId,
                Reason = request.Reason.Trim(),
                FiledAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Appeals.Insert(appeal);
            return appeal;
        });
        hub.ToTeam(appeal.TeamId, NotificationKind.Appeal, $"appeal {appeal.Id} filed against attack {appeal.AttackId}.", attackId: appeal.AttackId, defenseId: appeal.DefenseId);
        return Task.FromResult(appeal.ToProto());
    }

    [RequireRole]
    public override Task<ListAppealsResponse> ListAppeals(ListAppealsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var appeals = (caller.IsOrganizer ? db.Appeals.FindAll() : db.Appeals.Find(a => a.TeamId == caller.TeamId))
            .Where(a => !request.OpenOnly || a.Status == AppealStatus.Open)
            .OrderBy(a => a.FiledAt);
        var response = new ListAppealsResponse();
        response.Appeals.AddRange(appeals.Select(a => a.ToProto()));
        return Task.FromResult(response);
    }

    [RequireRole(Role.Organizer)]
    public override Task<Appeal> ResolveAppeal(ResolveAppealRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        if (string.IsNullOrWhiteSpace(request.Reason))
            throw RpcErrors.InvalidArgument("resolving an appeal needs a written reason.");
        var appeal = db.Write(() =>
        {
            var appeal = db.Appeals.FindById(request.AppealId) ?? throw RpcErrors.NotFound("appeal", request.AppealId);
            if (appeal.Status != AppealStatus.Open)
                throw RpcErrors.FailedPrecondition($"appeal {appeal.Id} was already resolved.");
            appeal.Status = request.Uphold ? AppealStatus.Upheld : AppealStatus.Rejected;
            appeal.Resolution = request.Reason.Trim();
            appeal.ResolvedAt = clock.GetUtcNow().UtcDateTime;
            db.Appeals.Update(appeal);
            if (request.Uphold && db.Attacks.FindById(appeal.AttackId) is { } attack)
            {
                attack.Status = AttackStatus.Invalid;
                attack.Overruled = true;
                attack.OverruleReason = $"appeal {appeal.Id} upheld: {appeal.Resolution}";
                attack.ValidityReason = $"overruled by the organizers: {attack.OverruleReason}";
                db.Attacks.Update(attack);
                publisher.RecomputeDefensesTouchedBy(attack.RoundId);
            }
            audit.Append(caller, "appeal.resolve", $"appeal/{appeal.Id}", appeal.Resolution,
                new() { ["decision"] = request.Uphold ? "upheld" : "rejected", ["attack_id"] = appeal.AttackId, ["defense_id"] = appeal.DefenseId });
            return appeal;
        });
        hub.ToTeam(appeal.TeamId, NotificationKind.Appeal, $"appeal {appeal.Id} {(request.Uphold ? "upheld" : "rejected")}: {appeal.Resolution}",
            attackId: appeal.AttackId, defenseId: appeal.DefenseId);
        return Task.FromResult(appeal.ToProto());
    }

    private RoundRecord Find(string id) => db.Rounds.FindById(id) ?? throw RpcErrors.NotFound("round", id);

    private Round ToProto(RoundRecord round)
    {
        var attacks = db.Attacks.Find(a => a.RoundId == round.Id && a.Status != AttackStatus.Unspecified).ToList();
        var candidates = attacks.Count(a => a.Verdicts.Any(v => v.Candidate));
        var pending = attacks.Count(a => a.Status == AttackStatus.InReview);
        return round.ToProto(attacks.Count, candidates, pending);
    }
}
