namespace Contest.Server.Attacks;

/// <summary>
/// A defense's logits on an attack image: from the attack's own verdicts, from an eligibility run
/// (earlier valid images), or from scoring an accepted image against every eligible defense. The id
/// is "&lt;attack&gt;:&lt;defense&gt;", so each pair is scored once.
/// </summary>
internal sealed class ScoreRecord
{
    public string Id { get; set; } = "";

    public string AttackId { get; set; } = "";

    public string DefenseId { get; set; } = "";

    public List<float> Logits { get; set; } = [];

    public DateTime ScoredAt { get; set; }

    /// <summary>Set when the defense failed on the image instead of answering (no logits): it counts as fooled.</summary>
    public string Failure { get; set; } = "";

    public static string IdOf(string attackId, string defenseId) => $"{attackId}:{defenseId}";
}
