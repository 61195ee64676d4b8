using Contest.Contracts.V1;

namespace Contest.Server.Attacks;

/// <summary>An attack image submitted by a team, with its verdicts and review state.</summary>
internal sealed class AttackRecord
{
    public string Id { get; set; } = "";

    public string TeamId { get; set; } = "";

    public string ImageSha256 { get; set; } = "";

    public string ContentType { get; set; } = "image/png";

    /// <summary>The image's size in bytes (0 on records from before it was kept: read from the blob then).</summary>
    public long ImageBytes { get; set; }

    public Label ClaimedLabel { get; set; }

    public DateTime SubmittedAt { get; set; }

    public string RoundId { get; set; } = "";

    public AttackStatus Status { get; set; }

    public List<string> TargetDefenseIds { get; set; } = [];

    public List<VerdictState> Verdicts { get; set; } = [];

    public List<string> Warnings { get; set; } = [];

    public bool Overruled { get; set; }

    public string OverruleReason { get; set; } = "";

    /// <summary>Why the server judged it valid or invalid.</summary>
    public string ValidityReason { get; set; } = "";

    public DateTime? DecidedAt { get; set; }

    /// <summary>Verdict jobs not yet finished; the status is set once this reaches zero.</summary>
    public int VerdictsPending { get; set; }

    /// <summary>Why verdict jobs failed, if any did.</summary>
    public List<string> VerdictFailures { get; set; } = [];

    /// <summary>
    /// When the server stops waiting for verdicts, whether or not the submitter is still connected:
    /// past it, outstanding verdict jobs are cancelled (see <see cref="VerdictDeadlineSweep"/>).
    /// </summary>
    public DateTime VerdictsDueBy { get; set; }
}

/// <summary>One defense's answer on an attack image.</summary>
internal sealed class VerdictState
{
    public string DefenseId { get; set; } = "";

    public string JobId { get; set; } = "";

    public List<float> Logits { get; set; } = [];

    public Label Prediction { get; set; }

    public float Confidence { get; set; }

    public float Threshold { get; set; }

    public bool Abstained { get; set; }

    public bool Candidate { get; set; }

    /// <summary>
    /// The defense failed on the image instead of answering (raised, gave malformed or non-finite
    /// logits, ran past its limits): it neither answered nor abstained, so the image is a candidate.
    /// </summary>
    public bool DefenseFailed { get; set; }

    /// <summary>What kind of failure, in the server's words (never the model's).</summary>
    public string Failure { get; set; } = "";
}
