using Contest.Contracts;
using Contest.Contracts.V1;

namespace Contest.Evaluator.Jobs.Kinds;

/// <summary>Runs an analysis job by its kind; a kind this worker does not know fails the job for good, saying which it knows.</summary>
internal sealed class AnalysisRunner : IJobKindRunner
{
    public JobKind Kind => JobKind.Analysis;

    public CompleteJobRequest Run(JobContext context)
    {
        var request = context.Spec.Analysis ?? new RunAnalysisRequest();
        var result = request.Kind switch
        {
            AnalysisKind.LabelDpSweep => LabelDpSweepRunner.Run(context, request),
            _ => throw new JobFailedException(new JobFailure(
                $"this worker cannot run a {Words.Of(request.Kind)} analysis; it runs: {Words.Of(AnalysisKind.LabelDpSweep)}.", Retryable: false)),
        };
        return new CompleteJobRequest { Analysis = result };
    }
}
