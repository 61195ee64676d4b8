using Contest.Contracts.V1;

namespace Contest.Client.Output;

/// <summary>The words the client prints (and accepts) for the API's enums.</summary>
internal static class Names
{
    public static string Of(Role role) => role switch
    {
        Role.Organizer => "organizer",
        Role.Defender => "defender",
        Role.Attacker => "attacker",
        Role.Reviewer => "reviewer",
        Role.Worker => "worker",
        _ => "unspecified",
    };

    public static bool TryParseRole(string text, out Role role)
    {
        role = text.Trim().ToLowerInvariant() switch
        {
            "organizer" => Role.Organizer,
            "defender" => Role.Defender,
            "attacker" => Role.Attacker,
            "reviewer" => Role.Reviewer,
            "worker" => Role.Worker,
            _ => Role.Unspecified,
        };
        return role != Role.Unspecified;
    }

    public static string Of(ModelFormat format) => format switch
    {
        ModelFormat.Torchscript => "torchscript",
        ModelFormat.Onnx => "onnx",
        ModelFormat.Native => "native",
        _ => "unspecified",
    };

    public static string Of(ValidationStatus status) => status switch
    {
        ValidationStatus.Pending => "pending",
        ValidationStatus.Running => "running",
        ValidationStatus.Passed => "passed",
        ValidationStatus.Failed => "failed",
        _ => "pending",
    };

    public static string Of(EligibilityStatus status) => status switch
    {
        EligibilityStatus.NotRun => "not_run",
        EligibilityStatus.Pending => "pending",
        EligibilityStatus.Eligible => "eligible",
        EligibilityStatus.Ineligible => "ineligible",
        _ => "not_run",
    };

    public static string Of(StakeStatus status) => status switch
    {
        StakeStatus.Unbroken => "unbroken",
        StakeStatus.Broken => "broken",
        _ => "not_staked",
    };

    public static string Of(JobStatus status) => status switch
    {
        JobStatus.Queued => "queued",
        JobStatus.Running => "running",
        JobStatus.Succeeded => "succeeded",
        JobStatus.Failed => "failed",
        JobStatus.Cancelled => "cancelled",
        _ => "unspecified",
    };

    public static bool TryParseJobStatus(string text, out JobStatus status)
    {
        status = text.Trim().ToLowerInvariant() switch
        {
            "queued" => JobStatus.Queued,
            "running" => JobStatus.Running,
            "succeeded" => JobStatus.Succeeded,
            "failed" => JobStatus.Failed,
            "cancelled" or "canceled" => JobStatus.Cancelled,
            _ => JobStatus.Unspecified,
        };
        return status != JobStatus.Unspecified;
    }

    public static string Of(JobKind kind) => kind switch
    {
        JobKind.Validate => "validate",
        JobKind.Eligibility => "eligibility",
        JobKind.Evaluate => "evaluate",
        JobKind.Verdict => "verdict",
        JobKind.TrainReference => "train_reference",
        JobKind.Analysis => "analysis",
        _ => "unspecified",
    };

    public static string Of(Profile profile) => profile switch
    {
        Profile.Quick => "quick",
        _ => "standard",
    };

    public static bool TryParseProfile(string text, out Profile profile)
    {
        profile = text.Trim().ToLowerInvariant() switch
        {
            "standard" => Profile.Standard,
            "quick" => Profile.Quick,
            _ => Profile.Unspecified,
        };
        return profile != Profile.Unspecified;
    }

    public static string Of(AttackStatus status) => status switch
    {
        AttackStatus.NotCandidate => "not_candidate",
        AttackStatus.InReview => "in_review",
        AttackStatus.Valid => "valid",
        AttackStatus.Invalid => "invalid",
        _ => "pending",
    };

    public static string Of(Certainty certainty) => certainty switch
    {
        Certainty.DefinitelyYes => "definitely_yes",
        Certainty.MaybeYes => "maybe_yes",
        Certainty.MaybeNo => "maybe_no",
        Certainty.DefinitelyNo => "definitely_no",
        _ => "unanswered",
    };

    public static bool TryParseCertainty(string text, out Certainty certainty)
    {
        certainty = text.Trim().ToLowerInvariant().Replace('-', '_') switch
        {
            "definitely_yes" => Certainty.DefinitelyYes,
            "maybe_yes" => Certainty.MaybeYes,
            "maybe_no" => Certainty.MaybeNo,
            "definitely_no" => Certainty.DefinitelyNo,
            _ => Certainty.Unspecified,
        };
        return certainty != Certainty.Unspecified;
    }

    public static string Of(RoundStatus status) => status switch
    {
        RoundStatus.Open => "open",
        RoundStatus.Reviewing => "reviewing",
        RoundStatus.Published => "published",
        _ => "unspecified",
    };

    public static string Of(AppealStatus status) => status switch
    {
        AppealStatus.Open => "open",
        AppealStatus.Upheld => "upheld",
        AppealStatus.Rejected => "rejected",
        _ => "unspecified",
    };

    public static string Of(NotificationKind kind) => kind switch
    {
        NotificationKind.Verdict => "verdict",
        NotificationKind.Review => "review",
        NotificationKind.RoundClosed => "round_closed",
        NotificationKind.RoundPublished => "round_published",
        NotificationKind.Break => "break",
        NotificationKind.Job => "job",
        NotificationKind.Appeal => "appeal",
        NotificationKind.Defense => "defense",
        _ => "unspecified",
    };

    public static string Of(MatrixOutcome outcome) => outcome switch
    {
        MatrixOutcome.Correct => "correct",
        MatrixOutcome.Abstained => "abstained",
        MatrixOutcome.Wrong => "wrong",
        _ => "pending",
    };

    public static bool TryParseLabel(string text, out Label label)
    {
        label = text.Trim().ToLowerInvariant() switch
        {
            "bird" => Label.Bird,
            "bicycle" => Label.Bicycle,
            _ => Label.Unspecified,
        };
        return label != Label.Unspecified;
    }

    public static string Of(Label label) => label switch
    {
        Label.Bicycle => "bicycle",
        Label.Bird => "bird",
        _ => "unspecified",
    };
}
