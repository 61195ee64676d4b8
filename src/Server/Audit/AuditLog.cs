using Contest.Server.Auth;
using Contest.Server.Storage;
using Contest.Server.Storage.Records;

namespace Contest.Server.Audit;

/// <summary>
/// Records organizer actions and other decisions: who, when, what, why. Call inside
/// <see cref="ContestDatabase.Write{T}"/> so the entry lands in the same transaction as the change.
/// </summary>
internal sealed class AuditLog(ContestDatabase db, TimeProvider clock)
{
    public AuditRecord Append(Caller actor, string action, string target, string reason,
        Dictionary<string, string>? details = null) =>
        Append(actor.TeamId, actor.KeyId, action, target, reason, details);

    public AuditRecord Append(string actorTeamId, string actorKeyId, string action, string target, string reason,
        Dictionary<string, string>? details = null)
    {
        var record = new AuditRecord
        {
            Id = Ids.New("aud"),
            At = clock.GetUtcNow().UtcDateTime,
            ActorTeamId = actorTeamId,
            ActorKeyId = actorKeyId,
            Action = action,
            Target = target,
            Reason = reason,
            Details = details ?? [],
        };
        db.Audit.Insert(record);
        return record;
    }
}
