using System.Collections.Concurrent;
using System.Threading.Channels;
using Contest.Contracts.V1;

namespace Contest.Server.Jobs;

/// <summary>
/// In-process fan-out of job progress to WatchJob streams. Subscribers get every update published
/// after they subscribe; the stream sends the stored state first, so nothing is missed.
/// </summary>
internal sealed class JobEvents
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Channel<JobProgress>>> _subscribers = new();

    public Subscription Subscribe(string jobId)
    {
        var channel = Channel.CreateBounded<JobProgress>(new BoundedChannelOptions(64)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var id = Guid.NewGuid();
        _subscribers.GetOrAdd(jobId, _ => new()).TryAdd(id, channel);
        return new Subscription(channel.Reader, () =>
        {
            if (_subscribers.TryGetValue(jobId, out var set))
                set.TryRemove(id, out _);
        });
    }

    public void Publish(JobProgress progress)
    {
        if (!_subscribers.TryGetValue(progress.JobId, out var set))
            return;
        foreach (var channel in set.Values)
            channel.Writer.TryWrite(progress);
    }

    /// <summary>Updates for one job until disposed.</summary>
    internal sealed class Subscription(ChannelReader<JobProgress> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<JobProgress> Reader { get; } = reader;

        public void Dispose() => unsubscribe();
    }
}
