namespace Contest.Evaluator.Data;

/// <summary>
/// Where long-running work says how far it is, phase by phase. In a job process this is the job's
/// reporter (Jobs/JobProgressReporter), which passes it on to the worker host; elsewhere (the
/// benchmarks, tests) it is <see cref="None"/>. It lives in Data, the lowest folder that reports
/// progress, so Data, Validation and Evaluation can report without depending on Jobs.
/// </summary>
public interface IPhaseProgress
{
    /// <summary>Progress that goes nowhere.</summary>
    static IPhaseProgress None { get; } = new Discarding();

    /// <summary>Reports <paramref name="done"/> of <paramref name="total"/> items in <paramref name="phase"/>.</summary>
    /// <param name="phase">What the job is doing, e.g. "clean" or <see cref="PhaseNames.LoadingModel"/>.</param>
    /// <param name="done">Items finished in this phase.</param>
    /// <param name="total">Items in this phase (0 when unknown).</param>
    /// <param name="forwardImages">Images passed through the model so far in this phase.</param>
    /// <param name="message">Free text.</param>
    void Report(string phase, long done, long total, long forwardImages = 0, string message = "");

    private sealed class Discarding : IPhaseProgress
    {
        public void Report(string phase, long done, long total, long forwardImages = 0, string message = "")
        {
        }
    }
}
