namespace Contest.Server.Workers;

/// <summary>An evaluation worker that registered, and when it was last heard from.</summary>
internal sealed class WorkerRecord
{
    public string Id { get; set; } = "";

    public string TeamId { get; set; } = "";

    public string Name { get; set; } = "";

    public string Device { get; set; } = "";

    public int Slots { get; set; }

    public string Host { get; set; } = "";

    public int ProcessId { get; set; }

    public string Version { get; set; } = "";

    public DateTime RegisteredAt { get; set; }

    public DateTime LastSeenAt { get; set; }
}
