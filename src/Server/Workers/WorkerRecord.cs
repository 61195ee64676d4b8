using Contest.Server.Auth;

namespace Contest.Server.Workers;

/// <summary>An evaluation worker that registered, and when it was last heard from.</summary>
internal sealed class WorkerRecord
{
    public string Id { get; set; } = "";

    /// <summary>The team whose key registered it.</summary>
    public string TeamId { get; set; } = "";

    /// <summary>The key it registered with (each worker host may have a key of its own, revoked alone).</summary>
    public string KeyId { get; set; } = "";

    public string Name { get; set; } = "";

    public string Device { get; set; } = "";

    public int Slots { get; set; }

    public string Host { get; set; } = "";

    public int ProcessId { get; set; }

    public string Version { get; set; } = "";

    public DateTime RegisteredAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    /// <summary>Whether <paramref name="caller"/> is the key that registered this worker: the only one that may lease for it and act on its leases.</summary>
    public bool RegisteredBy(Caller caller) => TeamId == caller.TeamId && KeyId == caller.KeyId;
}
