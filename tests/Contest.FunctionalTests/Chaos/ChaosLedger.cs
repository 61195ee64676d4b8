using System.Collections.Concurrent;

namespace Contest.FunctionalTests.Chaos;

/// <summary>What the server acknowledged to the chaos clients: after any kill, all of it must still be there.</summary>
internal sealed class ChaosLedger
{
    /// <summary>Teams the server said it created: name → key.</summary>
    public ConcurrentDictionary<string, string> Teams { get; } = new(StringComparer.Ordinal);

    /// <summary>Defenses the server said it stored: id → SHA-256 of the uploaded file.</summary>
    public ConcurrentDictionary<string, string> Defenses { get; } = new(StringComparer.Ordinal);

    /// <summary>Evaluations the server said it queued: job id → defense id.</summary>
    public ConcurrentDictionary<string, string> Evaluations { get; } = new(StringComparer.Ordinal);

    /// <summary>Jobs whose completion the server acknowledged to the worker, with how many times.</summary>
    public ConcurrentDictionary<string, int> CompletedJobs { get; } = new(StringComparer.Ordinal);

    private int _interrupted;

    /// <summary>Calls that failed with the server gone (their outcome is unknown: stored or not).</summary>
    public int Interrupted => Volatile.Read(ref _interrupted);

    /// <summary>Counts a call cut by a kill.</summary>
    public void Cut() => Interlocked.Increment(ref _interrupted);

    /// <summary>Calls that the server refused or failed for another reason than a kill.</summary>
    public ConcurrentBag<string> Unexpected { get; } = [];
}
