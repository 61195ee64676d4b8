namespace Contest.Evaluator.Validation;

/// <summary>One validation check and its outcome.</summary>
public sealed record ValidationCheckResult(string Name, bool Passed, string Detail);

/// <summary>The outcome of validating a defense.</summary>
/// <param name="Passed">Every check passed.</param>
/// <param name="Reason">The first failure, as one sentence for the defender.</param>
/// <param name="Checks">The checks run, in order (the last one failed, when not passed).</param>
/// <param name="ImagesPerSecond">Measured throughput (0 when not reached).</param>
/// <param name="Device">Where it ran.</param>
/// <param name="Differentiable">Whether the runtime gives input gradients.</param>
/// <param name="BestBatchSize">The batch size with the highest throughput (0 when not measured).</param>
/// <param name="ModelMessage">What the model itself raised, when a check failed on it (its team's eyes only).</param>
public sealed record ValidationReport(bool Passed, string Reason, IReadOnlyList<ValidationCheckResult> Checks,
    double ImagesPerSecond, string Device, bool Differentiable, int BestBatchSize = 0, string ModelMessage = "");
