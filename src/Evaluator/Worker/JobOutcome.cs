using Contest.Contracts.V1;
using Contest.Core.Text;
using Contest.Evaluator.Jobs;
using Contest.Evaluator.Worker.Sandbox;

namespace Contest.Evaluator.Worker;

/// <summary>
/// What a finished job amounts to, for the server: its result, or one reason for everyone plus,
/// apart from it, what the model said (for its team). Read from the job's exit and its out/ folder,
/// all of which the model may have touched.
/// </summary>
internal sealed record JobOutcome(CompleteJobRequest? Result, string Reason, bool Retryable, string ModelMessage)
{
    public static JobOutcome Succeeded(CompleteJobRequest result) => new(result, "", false, "");

    public static JobOutcome Failed(string reason, bool retryable = false, string modelMessage = "") => new(null, reason, retryable, modelMessage);

    /// <summary>The outcome of <paramref name="process"/>, which has exited, run as <paramref name="spec"/> under <paramref name="limits"/>.</summary>
    public static JobOutcome Of(JobSpec spec, JobDirectory directory, JobProcess process, ProcessLimits limits, string phase)
    {
        var output = directory.ReadOutput();
        // run-job exits 0 right after writing its result; any other end means the model may have
        // written result.pb itself (out/ is writable) and then got the process killed.
        if (output.Result is { } result && process.ExitCode == 0)
            return WithExpectedKind(result, spec);
        if (LimitExplanation.Explain(process.ExitCode, process.OutOfMemoryKilled, process.ProcessLimitHit, limits, phase) is { } overLimit)
            return Failed(overLimit, modelMessage: ProcessSaid(process, directory));
        if (output.MalformedReason is { } malformed)
            return Failed($"the job's output was refused: {malformed}.", modelMessage: ProcessSaid(process, directory));
        // Likewise failure.json counts only when run-job itself ended saying it wrote one.
        if (output.Failure is { } failure && process.ExitCode == JobRunner.FailedExitCode)
            return Failed(failure.Reason, failure.Retryable, failure.ModelMessage);
        return Failed(CrashExplanation.Explain(process.ExitCode, phase), CrashExplanation.IsRetryable(process.ExitCode), ProcessSaid(process, directory));
    }

    /// <summary>What the process printed last: the model's words as much as the evaluator's, so kept apart from the reason.</summary>
    public static string ProcessSaid(JobProcess process, JobDirectory directory) =>
        ModelText.Clean($"{string.Join(' ', process.Tail)} {directory.ReadProcessOutputTail()}");

    // A result of another kind than the job's is as malformed as an unreadable one.
    private static JobOutcome WithExpectedKind(CompleteJobRequest result, JobSpec spec)
    {
        var expected = spec.Kind switch
        {
            JobKind.Validate => CompleteJobRequest.ResultOneofCase.Validation,
            JobKind.Eligibility => CompleteJobRequest.ResultOneofCase.Eligibility,
            JobKind.Evaluate => CompleteJobRequest.ResultOneofCase.Evaluation,
            JobKind.Verdict => CompleteJobRequest.ResultOneofCase.Verdict,
            _ => result.ResultCase,
        };
        return result.ResultCase == expected
            ? Succeeded(result)
            : Failed($"the job's output was refused: it holds a {result.ResultCase} result for a {spec.Kind} job.");
    }
}
