using Contest.Core.Text;
using Contest.Evaluator.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace Contest.Evaluator.Jobs;

/// <summary>
/// Which exceptions inside a job process are the defense's fault (a broken contract, an error raised
/// in forward, memory), as a failure that is not retried: one reason for everyone and, apart from
/// it, what the model said, for its team. A libtorch error outside the model's forward is the
/// evaluator's trouble, retried; anything else is not described here.
/// </summary>
internal static class DefenseFaults
{
    public static JobFailure? Describe(Exception exception) => exception switch
    {
        JobFailedException e => e.Failure,
        // A training run that diverged: the same plan would diverge again.
        ArithmeticException e => new JobFailure(e.Message, Retryable: false),
        DefenseContractException e => new JobFailure(e.Message, Retryable: false, ModelText.Clean(e.ModelMessage)),
        OnnxRuntimeException e => new JobFailure("ONNX Runtime could not run the model (its message is shown to the defense's team).",
            Retryable: false, ModelText.Clean(ErrorText.Message(e.Message))),
        ModelRaisedException e => new JobFailure(
            "the model raised an error while running (its message is shown to the defense's team).",
            Retryable: false, ModelText.Clean(ErrorText.Message(e.Message))),
        // libtorch failing in the evaluator's own tensor code (an attack, a metric) is ours, and may not
        // recur: another attempt runs the job again.
        System.Runtime.InteropServices.ExternalException e => new JobFailure(
            $"the evaluator's tensor runtime failed outside the model ({Contest.Core.Text.ModelText.Clean(ErrorText.Message(e.Message), 200)}); the job is tried again.",
            Retryable: true),
        OutOfMemoryException => new JobFailure("the job ran out of memory.", Retryable: false),
        _ => null,
    };
}
