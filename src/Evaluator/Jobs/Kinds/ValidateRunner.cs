using Contest.Contracts.V1;
using Contest.Evaluator.Validation;

namespace Contest.Evaluator.Jobs.Kinds;

/// <summary>Validation: load the defense and run the contract checks.</summary>
internal sealed class ValidateRunner : IJobKindRunner
{
    public JobKind Kind => JobKind.Validate;

    public CompleteJobRequest Run(JobContext context)
    {
        using var model = ModelLoading.Load(context);
        var validator = new DefenseValidator(context.Spec.MinImagesPerSecond, context.Spec.Seed, TimeSpan.FromSeconds(2));
        var report = validator.Validate(model, context.Progress);
        var outcome = new ValidationOutcome
        {
            Passed = report.Passed,
            Reason = report.Reason,
            ImagesPerSecond = report.ImagesPerSecond,
            Device = report.Device,
            Differentiable = report.Differentiable,
            BestBatchSize = report.BestBatchSize,
            ModelMessage = report.ModelMessage,
        };
        outcome.Checks.AddRange(report.Checks.Select(c => new ValidationCheck { Name = c.Name, Passed = c.Passed, Detail = c.Detail }));
        return new CompleteJobRequest { Validation = outcome };
    }
}
