namespace Contest.Evaluator.Bench.Verdicts;

/// <summary>How one measured submission ended.</summary>
internal enum SubmissionOutcome
{
    /// <summary>The defense answered or abstained.</summary>
    Verdict,

    /// <summary>The call returned, but the defense failed on the image (raised, timed out, bad logits).</summary>
    DefenseFailed,

    /// <summary>The call itself failed: refused, dropped for want of a verdict, or the server unreachable.</summary>
    CallFailed,
}

/// <summary>One SubmitAttack call: which client made it, how long it took, how it ended and, if it failed, why.</summary>
internal sealed record SubmissionResult(int Client, double Milliseconds, SubmissionOutcome Outcome, string Problem);
