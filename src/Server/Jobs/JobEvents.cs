using System.Threading.Channels;
using Contest.Contracts.V1;

namespace Contest.Server.Jobs;

/// <summary>
/// In-process fan-out of job progress to WatchJob streams. Subscribers get every update published
/// after they subscribe; the stream sends the stored state first, so nothing is missed. A job has an
/// entry only while someone watches it: the last subscriber to leave removes it, so watching costs
/// memory only for as long as the streams are open.
/// </summary>
internal sealed class JobEvents
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<Channel<JobProgress>>> _subscribers = new(StringComparer.Ordinal);

    /// <summary>Jobs with at least one subscriber now.</summary>
    public int WatchedJobs
    {
        get
        {
            lock (_lock)
                return _subscribers.Count;
        }
    }

    /// <summary>Subscribes to one job; call only for a job that exists and the caller may see.</summary>
    public Subscription Subscribe(string jobId)
    {
        var channel = Channel.CreateBounded<JobProgress>(new BoundedChannelOptions(64)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_lock)
        {
            if (!_subscribers.TryGetValue(jobId, out var channels))
                _subscribers[jobId] = channels = [];
            channels.Add(channel);
        }
        return new Subscription(channel.Reader, () => Unsubscribe(jobId, channel));
    }

    public void Publish(JobProgress progress)
    {
        Channel<JobProgress>[] channels;
        lock (_lock)
        {
            if (!_subscribers.TryGetValue(progress.JobId, out var list))
                return;
            channels = [.. list];
        }
        foreach (var channel in channels)
            channel.Writer.TryWrite(progress);
    }

    private void Unsubscribe(string jobId, Channel<JobProgress> channel)
    {
        lock (_lock)
        {
            if (!_subscribers.TryGetValue(jobId, out var channels))
                return;
            channels.Remove(channel);
            if (channels.Count == 0)
                _subscribers.Remove(jobId);
        }
        channel.Writer.TryComplete();
    }

    /// <summary>Updates for one job until disposed (disposing twice is harmless).</summary>
    internal sealed class Subscription(ChannelReader<JobProgress> reader, Action unsubscribe) : IDisposable
    {
        private Action? _unsubscribe = unsubscribe;

        public ChannelReader<JobProgress> Reader { get; } = reader;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}
