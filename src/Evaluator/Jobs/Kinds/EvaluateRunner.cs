using Contest.Contracts.V1;
using Contest.Core.Rules;
using Contest.Evaluator.Evaluation;

namespace Contest.Evaluator.Jobs.Kinds;

/// <summary>An evaluation: the requested suite on the test split (or its first N images).</summary>
internal sealed class EvaluateRunner : IJobKindRunner
{
    public JobKind Kind => JobKind.Evaluate;

    public CompleteJobRequest Run(JobContext context)
    {
        var spec = context.Spec;
        var ordered = EvaluationOrder.Interleave(context.Inputs.Images);
        var images = spec.Limit > 0 ? ordered.Take(spec.Limit).ToList() : ordered;
        using var model = ModelLoading.Load(context);
        // The batch size validation found fastest, when it was measured on this kind of device.
        var sameKind = spec.Defense.BatchSizeDevice.StartsWith(context.Device.type.ToString().ToLowerInvariant(), StringComparison.Ordinal);
        var batch = sameKind ? spec.Defense.BatchSize : 0;
        var runner = new SuiteRunner(model, context.Device, context.Progress, context.Directory.ArtifactsPath, batch);
        var threshold = AbstainThreshold.Effective(spec.Defense.Threshold, spec.Defense.HasDeclaredThreshold ? spec.Defense.DeclaredThreshold : null);
        var report = runner.Run(string.IsNullOrEmpty(spec.Suite) ? AttackSuites.Clean : spec.Suite, spec.Profile, spec.Seed, images,
            threshold, context.Cancellation);
        report.Dataset = context.Inputs.Dataset;
        return new CompleteJobRequest { Evaluation = report };
    }
}
