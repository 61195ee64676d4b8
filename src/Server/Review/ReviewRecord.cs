using Contest.Contracts.V1;

namespace Contest.Server.Review;

/// <summary>
/// One reviewer's assignment to one candidate image and, once submitted, their answers. The id is
/// the item id the reviewer sees; it reveals neither the attack nor its team.
/// </summary>
internal sealed class ReviewRecord
{
    public string Id { get; set; } = "";

    public string AttackId { get; set; } = "";

    public string ReviewerKeyId { get; set; } = "";

    public string ReviewerTeamId { get; set; } = "";

    public DateTime AssignedAt { get; set; }

    public DateTime? SubmittedAt { get; set; }

    public Certainty Bird { get; set; }

    public Certainty Bicycle { get; set; }

    public int BoxX { get; set; }

    public int BoxY { get; set; }

    public int BoxWidth { get; set; }

    public int BoxHeight { get; set; }

    public bool Truncated { get; set; }

    public bool Occluded { get; set; }

    public bool Depiction { get; set; }

    public bool IsSubmitted => SubmittedAt is not null;
}
