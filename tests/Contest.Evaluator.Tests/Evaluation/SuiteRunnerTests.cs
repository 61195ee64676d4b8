using Contest.Contracts.V1;
using Contest.Evaluator.Data;
using Contest.Evaluator.Evaluation;
using Contest.Evaluator.Runtime;
using Contest.Evaluator.Tests.Attacks.Support;
using Contest.Tests.Shared;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Evaluation;

public class SuiteRunnerTests
{
    public SuiteRunnerTests() => TorchNativeLoader.EnsureLoaded();

    [Fact]
    public void Run_UnknownSuite_FailsWithAReasonForTheDefender()
    {
        using var temp = new TempDirectory("contest-suite");
        using var defense = Defenses.Patch();
        var runner = new SuiteRunner(defense, CPU, IPhaseProgress.None, temp.Path);

        var error = Assert.Throws<DefenseContractException>(() =>
            runner.Run("everything", Profile.Quick, seed: 1, [], threshold: 0, CancellationToken.None));

        Assert.Equal("unknown suite 'everything'.", error.Message);
    }
}
