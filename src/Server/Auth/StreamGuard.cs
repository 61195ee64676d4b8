using System.Collections.Concurrent;
using Contest.Server.Infrastructure;
using Microsoft.Extensions.Options;

namespace Contest.Server.Auth;

/// <summary>
/// Admits long-lived streams: at most <see cref="StreamOptions.MaxStreamsPerKey"/> open per API key,
/// each re-checked against key revocation every <see cref="StreamOptions.StreamRecheckSeconds"/> and
/// ended after <see cref="StreamOptions.MaxStreamSeconds"/>.
/// </summary>
internal sealed class StreamGuard(Identities identities, TimeProvider clock, IOptions<StreamOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<GuardedStream, byte> _streams = new();
    private readonly StreamOptions _options = options.Value;
    private Grpc.Core.RpcException? _closed;

    /// <summary>Streams open now under one key.</summary>
    public int OpenFor(string keyId) => _open.GetValueOrDefault(keyId);

    /// <summary>Streams open now, all keys together.</summary>
    public int OpenCount => _streams.Count;

    /// <summary>
    /// Ends every open stream with <paramref name="reason"/> as its status, and refuses new ones with it
    /// (the server is stopping). Returns how many streams it ended.
    /// </summary>
    public int EndAll(Grpc.Core.RpcException reason)
    {
        Volatile.Write(ref _closed, reason);
        var ended = 0;
        foreach (var stream in _streams.Keys)
        {
            if (stream.End(reason))
                ended++;
        }
        return ended;
    }

    /// <summary>Opens a stream for the caller, or refuses with ResourceExhausted when its key holds the most it may.</summary>
    public GuardedStream Open(Caller caller, CancellationToken callEnded)
    {
        if (Volatile.Read(ref _closed) is { } closed)
            throw closed;
        var open = _open.AddOrUpdate(caller.KeyId, 1, (_, n) => n + 1);
        if (open > _options.MaxStreamsPerKey)
        {
            Release(caller.KeyId);
            throw RpcErrors.ResourceExhausted(
                $"this API key already has {_options.MaxStreamsPerKey} streams open (watch and job streams together), " +
                "the most it may; close one (or wait for it to end) and try again.");
        }
        var stream = new GuardedStream(this, caller.KeyId, callEnded);
        _streams[stream] = 0;
        // Opened while EndAll ran: it ends like the others.
        if (Volatile.Read(ref _closed) is { } late)
            stream.End(late);
        return stream;
    }

    /// <summary>Why a stream opened at <paramref name="openedAt"/> must end now, or null while it may go on.</summary>
    internal Grpc.Core.RpcException? EndReason(string keyId, DateTimeOffset openedAt)
    {
        var key = identities.Key(keyId);
        if (key is null || key.RevokedAt is not null)
            return RpcErrors.Unauthenticated("the API key of this stream was revoked; the stream has ended.");
        if (clock.GetUtcNow() - openedAt >= MaxDuration)
            return RpcErrors.DeadlineExceeded(
                $"streams last at most {Math.Round(MaxDuration.TotalHours, 2)} h; open a new one to go on watching.");
        return null;
    }

    internal TimeSpan Recheck => TimeSpan.FromSeconds(Math.Max(1, _options.StreamRecheckSeconds));

    internal TimeSpan MaxDuration => TimeSpan.FromSeconds(Math.Max(1, _options.MaxStreamSeconds));

    internal TimeProvider Clock => clock;

    internal void Release(GuardedStream stream, string keyId)
    {
        _streams.TryRemove(stream, out _);
        Release(keyId);
    }

    private void Release(string keyId)
    {
        // Remove the key's entry when its last stream ends, so idle keys cost nothing.
        while (true)
        {
            var current = _open.GetValueOrDefault(keyId);
            if (current <= 1)
            {
                if (current == 0 || _open.TryRemove(new KeyValuePair<string, int>(keyId, current)))
                    return;
            }
            else if (_open.TryUpdate(keyId, current - 1, current))
            {
                return;
            }
        }
    }
}
