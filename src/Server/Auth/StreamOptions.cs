namespace Contest.Server.Auth;

/// <summary>Bounds on long-lived streams (WatchJob, notifications), bound from the "Contest" section.</summary>
internal sealed class StreamOptions
{
    /// <summary>Streams one API key may hold open at once, across WatchJob and the notification stream.</summary>
    public int MaxStreamsPerKey { get; init; } = 16;

    /// <summary>How often an open stream checks that its key is still valid.</summary>
    public int StreamRecheckSeconds { get; init; } = 30;

    /// <summary>The longest a stream stays open; the client reconnects to go on.</summary>
    public int MaxStreamSeconds { get; init; } = 24 * 3600;
}
