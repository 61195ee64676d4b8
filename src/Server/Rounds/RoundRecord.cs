using Contest.Contracts.V1;

namespace Contest.Server.Rounds;

/// <summary>A weekly round: attack submissions collected while open, then reviewed and published.</summary>
internal sealed class RoundRecord
{
    public string Id { get; set; } = "";

    public int Number { get; set; }

    public RoundStatus Status { get; set; } = RoundStatus.Open;

    public DateTime OpensAt { get; set; }

    public DateTime ClosesAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public DateTime? PublishedAt { get; set; }
}
