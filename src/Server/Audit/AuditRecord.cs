namespace Contest.Server.Audit;

/// <summary>One organizer action (or other state change worth auditing): who, when, what, why.</summary>
internal sealed class AuditRecord
{
    public string Id { get; set; } = "";

    public DateTime At { get; set; }

    public string ActorTeamId { get; set; } = "";

    public string ActorKeyId { get; set; } = "";

    public string Action { get; set; } = "";

    public string Target { get; set; } = "";

    public string Reason { get; set; } = "";

    public Dictionary<string, string> Details { get; set; } = [];
}
