using System.Collections.Concurrent;
using System.Threading.Channels;
using Contest.Contracts.V1;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Storage;

namespace Contest.Server.Notifications;

/// <summary>
/// Live notifications for teams that keep a Watch stream open: verdicts, reviews, round closes and
/// publications, breaks, finished jobs, appeals. In memory only; nothing needs an extra service.
/// </summary>
internal sealed class NotificationHub(TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, (string TeamId, bool Organizer, Channel<Notification> Channel)> _watchers = new();

    public Subscription Subscribe(string teamId, bool organizer)
    {
        var channel = Channel.CreateBounded<Notification>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        var id = Guid.NewGuid();
        _watchers[id] = (teamId, organizer, channel);
        return new Subscription(channel.Reader, () => _watchers.TryRemove(id, out _));
    }

    /// <summary>Tells one team (and organizers) about something that concerns it.</summary>
    public void ToTeam(string teamId, NotificationKind kind, string message, string attackId = "", string defenseId = "",
        string roundId = "", string jobId = "") =>
        Send(w => w.TeamId == teamId || w.Organizer, kind, message, attackId, defenseId, roundId, jobId);

    /// <summary>Tells everyone watching.</summary>
    public void ToAll(NotificationKind kind, string message, string attackId = "", string defenseId = "", string roundId = "") =>
        Send(_ => true, kind, message, attackId, defenseId, roundId, "");

    private void Send(Func<(string TeamId, bool Organizer), bool> audience, NotificationKind kind, string message,
        string attackId, string defenseId, string roundId, string jobId)
    {
        var notification = new Notification
        {
            Id = Ids.New("ntf"),
            At = ProtoTime.From(clock.GetUtcNow().UtcDateTime),
            Kind = kind,
            Message = message,
            AttackId = attackId,
            DefenseId = defenseId,
            RoundId = roundId,
            JobId = jobId,
        };
        foreach (var watcher in _watchers.Values)
        {
            if (audience((watcher.TeamId, watcher.Organizer)))
                watcher.Channel.Writer.TryWrite(notification);
        }
    }

    /// <summary>A team's notifications until disposed.</summary>
    internal sealed class Subscription(ChannelReader<Notification> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<Notification> Reader { get; } = reader;

        public void Dispose() => unsubscribe();
    }
}
