using Contest.Evaluator.Data;
using Contest.Evaluator.Worker;

namespace Contest.Evaluator.Tests.Worker;

/// <summary>
/// A job process that dies without a limit to blame: an abort or a segfault comes from the model's
/// own code and is its failure; a SIGKILL can only come from outside it and is tried again.
/// </summary>
public class CrashExplanationTests
{
    [Theory]
    [InlineData(134, false)]
    [InlineData(139, false)]
    [InlineData(1, false)]
    [InlineData(137, true)]
    public void OnlyASigkill_IsTriedAgain(int exitCode, bool retryable) =>
        Assert.Equal(retryable, CrashExplanation.IsRetryable(exitCode));

    [Fact]
    public void ASigkill_IsExplainedAsComingFromOutside_EvenWhileLoading()
    {
        foreach (var phase in new[] { "boundary_with_random_spatial", PhaseNames.LoadingModel })
        {
            var reason = CrashExplanation.Explain(137, phase);

            Assert.StartsWith($"the evaluation process was killed from outside (SIGKILL, exit code 137) while {phase}", reason);
            Assert.DoesNotContain("the model aborted", reason);
        }
        Assert.StartsWith("loading the model crashed the evaluation process (SIGABRT", CrashExplanation.Explain(134, PhaseNames.LoadingModel));
    }
}
