using Contest.Contracts.V1;

namespace Contest.Server.Rounds;

/// <summary>A defender's dispute of a break, and the organizers' decision.</summary>
internal sealed class AppealRecord
{
    public string Id { get; set; } = "";

    public string DefenseId { get; set; } = "";

    public string AttackId { get; set; } = "";

    public string TeamId { get; set; } = "";

    public string Reason { get; set; } = "";

    public AppealStatus Status { get; set; } = AppealStatus.Open;

    public string Resolution { get; set; } = "";

    public DateTime FiledAt { get; set; }

    public DateTime? ResolvedAt { get; set; }
}
