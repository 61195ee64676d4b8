using System.Collections.Concurrent;

namespace Contest.Server.Attacks;

/// <summary>
/// Lets a submission await its verdicts instead of polling: the write that settles an attack (its
/// last verdict in, failed or cancelled) signals here once it has committed.
/// </summary>
internal sealed class VerdictWaiters
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new();

    /// <summary>Completes when the attack is next settled. Check the record after calling: it may already be.</summary>
    public Task Settled(string attackId) =>
        _waiting.GetOrAdd(attackId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>The attack's verdicts are all in (call after the settling write committed).</summary>
    public void Signal(string attackId)
    {
        if (_waiting.TryRemove(attackId, out var waiter))
            waiter.TrySetResult();
    }

    /// <summary>Nobody waits any more (the caller hung up).</summary>
    public void Forget(string attackId) => _waiting.TryRemove(attackId, out _);
}
