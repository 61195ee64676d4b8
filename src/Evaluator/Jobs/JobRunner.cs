using Contest.Contracts.V1;
using Contest.Evaluator.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace Contest.Evaluator.Jobs;

/// <summary>
/// The body of a job process: reads the job folder, runs the job on the chosen device, and writes
/// result.pb or failure.json. Defense faults (a broken contract, an exception in forward) end in a
/// reason for the defender; anything else is reported as retryable trouble of the evaluator.
/// </summary>
internal sealed class JobRunner(IEnumerable<IJobKindRunner> runners, TimeProvider timeProvider)
{
    private readonly Dictionary<JobKind, IJobKindRunner> _runners = runners.ToDictionary(r => r.Kind);

    public int Run(JobDirectory directory, TextWriter progressOutput)
    {
        var spec = directory.ReadSpec();
        var inputs = directory.ReadInputs();
        var progress = new JobProgressReporter(progressOutput, timeProvider);
        try
        {
            if (!_runners.TryGetValue(spec.Kind, out var runner))
                return Fail(directory, $"this evaluator cannot run {spec.Kind} jobs.", retryable: true);
            var device = DeviceSelector.Resolve(DeviceSelector.Parse(inputs.Device));
            var result = runner.Run(new JobContext(spec, inputs, device, progress, directory, CancellationToken.None));
            directory.WriteResult(result);
            return 0;
        }
        catch (DefenseContractException e)
        {
            return Fail(directory, e.Message, retryable: false);
        }
        catch (OnnxRuntimeException e)
        {
            return Fail(directory, $"ONNX Runtime could not run the model: {ErrorText.FirstUsefulLine(e.Message)}", retryable: false);
        }
        catch (Exception e) when (e is System.Runtime.InteropServices.ExternalException)
        {
            return Fail(directory, $"the model failed while running: {ErrorText.FirstUsefulLine(e.Message)}", retryable: false);
        }
        catch (OutOfMemoryException)
        {
            return Fail(directory, "the job ran out of memory.", retryable: false);
        }
    }

    private static int Fail(JobDirectory directory, string reason, bool retryable)
    {
        directory.WriteFailure(new JobFailure(reason, retryable));
        return 3;
    }
}
