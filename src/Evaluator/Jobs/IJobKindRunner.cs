using Contest.Contracts.V1;
using Contest.Evaluator.Data;
using static TorchSharp.torch;

namespace Contest.Evaluator.Jobs;

/// <summary>Runs one kind of job inside a job process and returns its result.</summary>
internal interface IJobKindRunner
{
    JobKind Kind { get; }

    CompleteJobRequest Run(JobContext context);
}

/// <summary>What a job runner gets: the spec, its inputs on disk, the device, and where to report and write.</summary>
internal sealed record JobContext(JobSpec Spec, JobInputs Inputs, Device Device, IPhaseProgress Progress, JobDirectory Directory, CancellationToken Cancellation);
