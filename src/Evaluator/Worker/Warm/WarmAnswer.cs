using Contest.Contracts.V1;
using Contest.Evaluator.Jobs;

namespace Contest.Evaluator.Worker.Warm;

/// <summary>
/// What a warm model process made of one verdict image: logits, a failure it reported (the
/// defense's fault or the evaluator's trouble, as <see cref="JobFailure.Retryable"/> says), or a crash
/// of the process (it died, hung, broke a limit or the protocol), which costs that request only and
/// is tried once more in a fresh process.
/// </summary>
internal sealed record WarmAnswer(float[]? Logits, JobFailure? Failure, string? Crash, string ModelMessage = "", bool CrashRetryable = false)
{
    public static WarmAnswer Answered(float[] logits) => new(logits, null, null);

    public static WarmAnswer Failed(JobFailure failure) => new(null, failure, null);

    /// <summary>A crash; <paramref name="retryable"/> when it came from outside the process (see <see cref="CrashExplanation.IsRetryable"/>).</summary>
    public static WarmAnswer Crashed(string reason, string modelMessage, bool retryable = false) => new(null, null, reason, modelMessage, retryable);

    public bool IsCrash => Crash is not null;

    public JobOutcome ToOutcome() => this switch
    {
        { Logits: { } logits } => JobOutcome.Succeeded(new CompleteJobRequest { Verdict = new VerdictOutcome { Logits = { logits } } }),
        { Failure: { } failure } => JobOutcome.Failed(failure.Reason, failure.Retryable, failure.ModelMessage),
        _ => JobOutcome.Failed(Crash ?? "the warm model process gave no answer.", CrashRetryable, ModelMessage),
    };
}
