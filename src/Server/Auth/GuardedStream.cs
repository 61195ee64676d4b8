using Grpc.Core;

namespace Contest.Server.Auth;

/// <summary>
/// One admitted stream. <see cref="Token"/> is cancelled when the caller hangs up, the key is revoked,
/// the stream reached its longest, or the server is stopping; <see cref="Ended"/> then says why the server ended it. Dispose
/// to give its place back.
/// </summary>
internal sealed class GuardedStream : IDisposable
{
    private readonly StreamGuard _guard;
    private readonly string _keyId;
    private readonly CancellationTokenSource _cancel;
    private readonly DateTimeOffset _openedAt;
    private int _disposed;

    internal GuardedStream(StreamGuard guard, string keyId, CancellationToken callEnded)
    {
        _guard = guard;
        _keyId = keyId;
        _openedAt = guard.Clock.GetUtcNow();
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(callEnded);
        _ = WatchAsync(_cancel.Token);
    }

    public CancellationToken Token => _cancel.Token;

    /// <summary>Why the server ended the stream (revoked key, longest duration, stopping), or null.</summary>
    public RpcException? Ended { get; private set; }

    /// <summary>Ends the stream now with <paramref name="reason"/> as its status; false when it had ended already.</summary>
    internal bool End(RpcException reason)
    {
        if (Volatile.Read(ref _disposed) != 0 || Ended is not null)
            return false;
        Ended = reason;
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed meanwhile: the stream is over anyway.
            return false;
        }
        return true;
    }

    /// <summary>Runs the stream's body; when the server ended it, the caller gets the reason as the call's status.</summary>
    public async Task RunAsync(Func<CancellationToken, Task> body)
    {
        try
        {
            await body(Token);
        }
        catch (OperationCanceledException) when (Ended is not null)
        {
        }
        if (Ended is { } ended)
            throw ended;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _cancel.Cancel();
        _cancel.Dispose();
        _guard.Release(this, _keyId);
    }

    private async Task WatchAsync(CancellationToken token)
    {
        try
        {
            while (!token.IsCancellationRequested)
            {
                var left = _guard.MaxDuration - (_guard.Clock.GetUtcNow() - _openedAt);
                var wait = left < _guard.Recheck ? left : _guard.Recheck;
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, _guard.Clock, token);
                if (_guard.EndReason(_keyId, _openedAt) is { } reason)
                {
                    Ended = reason;
                    await _cancel.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The stream ended first.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while checking.
        }
    }
}
