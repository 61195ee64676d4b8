using Contest.Server.Auth;
using Contest.Server.Infrastructure.Storage;
using LiteDB;

namespace Contest.Server.Audit;

/// <summary>
/// Records organizer actions and other decisions: who, when, what, why. Call inside
/// <see cref="ContestDatabase.Write{T}"/> so the entry lands in the same transaction as the change.
/// </summary>
internal sealed class AuditLog
{
    private readonly ILiteCollection<AuditRecord> _records;
    private readonly TimeProvider _clock;

    public AuditLog(ContestDatabase db, TimeProvider clock)
    {
        _clock = clock;
        _records = db.Collection<AuditRecord>("audit");
        _records.EnsureIndex(a => a.At);
        _records.EnsureIndex(a => a.Action);
    }

    public AuditRecord Append(Caller actor, string action, string target, string reason,
        Dictionary<string, string>? details = null) =>
        Append(actor.TeamId, actor.KeyId, action, target, reason, details);

    public AuditRecord Append(string actorTeamId, string actorKeyId, string action, string target, string reason,
        Dictionary<string, string>? details = null)
    {
        var record = new AuditRecord
        {
            Id = Ids.New("aud"),
            At = _clock.GetUtcNow().UtcDateTime,
            ActorTeamId = actorTeamId,
            ActorKeyId = actorKeyId,
            Action = action,
            Target = target,
            Reason = reason,
            Details = details ?? [],
        };
        _records.Insert(record);
        return record;
    }

    /// <summary>The newest entries first, optionally of one action only.</summary>
    public IEnumerable<AuditRecord> Newest(string action, int limit) =>
        (action.Length == 0 ? _records.FindAll() : _records.Find(a => a.Action == action))
            .OrderByDescending(a => a.At)
            .Take(limit);
}
