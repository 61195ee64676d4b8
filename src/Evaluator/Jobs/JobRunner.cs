using Contest.Contracts.V1;
using Contest.Evaluator.Runtime;

namespace Contest.Evaluator.Jobs;

/// <summary>
/// The body of a job process: takes the hand-off (spec and inputs) from its host, runs the job on the
/// chosen device, and writes result.pb or failure.json into out/. Defense faults (a broken contract,
/// an exception in forward) end in a reason for everyone plus, apart from it, what the model said for
/// its owner; anything else is reported as retryable trouble of the evaluator.
/// </summary>
internal sealed class JobRunner(IEnumerable<IJobKindRunner> runners, TimeProvider timeProvider)
{
    /// <summary>The exit code of a job process that wrote failure.json (0: it wrote result.pb).</summary>
    public const int FailedExitCode = 3;

    private readonly Dictionary<JobKind, IJobKindRunner> _runners = runners.ToDictionary(r => r.Kind);

    public int Run(JobDirectory directory, Stream handoff, TextWriter progressOutput)
    {
        var (spec, inputs) = JobHandoff.Read(handoff);
        inputs = directory.Resolve(inputs);
        var progress = new JobProgressReporter(progressOutput, timeProvider);
        try
        {
            if (!_runners.TryGetValue(spec.Kind, out var runner))
                return Fail(directory, new JobFailure($"this evaluator cannot run {spec.Kind} jobs.", Retryable: true));
            var device = DeviceSelector.Resolve(DeviceSelector.Parse(inputs.Device));
            var result = runner.Run(new JobContext(spec, inputs, device, progress, directory, CancellationToken.None));
            directory.WriteResult(result);
            return 0;
        }
        catch (Exception e) when (DefenseFaults.Describe(e) is { } failure)
        {
            return Fail(directory, failure);
        }
    }

    private static int Fail(JobDirectory directory, JobFailure failure)
    {
        directory.WriteFailure(failure);
        return FailedExitCode;
    }
}
