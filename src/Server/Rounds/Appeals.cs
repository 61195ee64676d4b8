using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Audit;
using Contest.Server.Auth;
using Contest.Server.Defenses;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Storage;

namespace Contest.Server.Rounds;

/// <summary>
/// A defender disputes a published break; the organizers decide with a written reason. An upheld
/// appeal makes the image invalid, which takes the break back (and any other break it caused).
/// </summary>
internal sealed class Appeals(
    ContestDatabase db,
    RoundStore rounds,
    AttackStore attacks,
    DefenseStore defenses,
    BreakBook breaks,
    RoundPublisher publisher,
    AuditLog audit,
    TimeProvider clock)
{
    public AppealRecord File(Caller caller, string defenseId, string attackId, string reason) => db.Write(() =>
    {
        var defense = defenses.Find(defenseId) ?? throw RpcErrors.NotFound("defense", defenseId);
        if (defense.TeamId != caller.TeamId && !caller.IsOrganizer)
            throw RpcErrors.PermissionDenied($"defense {defense.Id} is not your team's; only its team may appeal.");
        if (!breaks.ValidBreaksOf(defense.Id).Any(a => a.Id == attackId))
            throw RpcErrors.FailedPrecondition($"attack {attackId} is not a published, valid break of defense {defense.Id}.");
        if (rounds.HasOpenAppeal(defense.Id, attackId))
            throw RpcErrors.AlreadyExists("an appeal of this break is already open.");
        var appeal = new AppealRecord
        {
            Id = Ids.New("apl"),
            DefenseId = defense.Id,
            AttackId = attackId,
            TeamId = defense.TeamId,
            Reason = reason.Trim(),
            FiledAt = clock.GetUtcNow().UtcDateTime,
        };
        rounds.Insert(appeal);
        return appeal;
    });

    public AppealRecord Resolve(Caller organizer, string appealId, bool uphold, string reason) => db.Write(() =>
    {
        var appeal = rounds.Appeal(appealId) ?? throw RpcErrors.NotFound("appeal", appealId);
        if (appeal.Status != AppealStatus.Open)
            throw RpcErrors.FailedPrecondition($"appeal {appeal.Id} was already resolved.");
        appeal.Status = uphold ? AppealStatus.Upheld : AppealStatus.Rejected;
        appeal.Resolution = reason.Trim();
        appeal.ResolvedAt = clock.GetUtcNow().UtcDateTime;
        rounds.Update(appeal);
        if (uphold && attacks.Find(appeal.AttackId) is { } attack)
        {
            attack.Status = AttackStatus.Invalid;
            attack.Overruled = true;
            attack.OverruleReason = $"appeal {appeal.Id} upheld: {appeal.Resolution}";
            attack.ValidityReason = $"overruled by the organizers: {attack.OverruleReason}";
            attacks.Update(attack);
            publisher.RecomputeBreaksIn(attack.RoundId);
        }
        audit.Append(organizer, "appeal.resolve", $"appeal/{appeal.Id}", appeal.Resolution,
            new() { ["decision"] = uphold ? "upheld" : "rejected", ["attack_id"] = appeal.AttackId, ["defense_id"] = appeal.DefenseId });
        return appeal;
    });
}
