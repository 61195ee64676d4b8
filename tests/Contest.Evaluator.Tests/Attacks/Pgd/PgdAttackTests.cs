using Contest.Evaluator.Attacks;
using Contest.Evaluator.Attacks.Pgd;
using Contest.Evaluator.Runtime;
using Contest.Evaluator.Tests.Attacks.Support;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks.Pgd;

public class PgdAttackTests
{
    public PgdAttackTests() => TorchNativeLoader.EnsureLoaded();

    [Fact]
    public void Run_QuickOnAnAccurateModel_FoolsItWithinEpsilon()
    {
        using var scope = NewDisposeScope();
        using var model = Defenses.Patch();
        var (images, labels) = SyntheticImages.Alternating(6);
        Assert.Equal(1.0, Defenses.Accuracy(model.Forward(images), labels));

        using var result = new PgdAttack(AttackProfile.Quick, PgdOptions.Quick).Run(new AttackInput { Images = images, Labels = labels, Model = model, Seed = 3 });

        Assert.Equal(0.0, Defenses.Accuracy(result.Logits!, labels));
        Assert.True((result.Images! - images).abs().max().item<float>() <= PgdOptions.Quick.Epsilon + 1e-6);
        Assert.True(result.Logits!.allclose(model.Forward(result.Images!), 1e-4, 1e-4));
        // One clean pass, then per restart one forward-backward per step and one final forward.
        Assert.Equal(6 * (1 + PgdOptions.Quick.Restarts * (PgdOptions.Quick.Steps + 1)), result.ForwardImages);
    }

    [Fact]
    public void Run_DefenseWithoutInputGradients_IsSkippedWithTheReason()
    {
        using var scope = NewDisposeScope();
        using var model = new TrueClassDefense(1, gradients: false);
        var (images, labels) = SyntheticImages.OfClass(2, 1);

        using var result = new PgdAttack(AttackProfile.Standard, PgdOptions.Standard).Run(new AttackInput { Images = images, Labels = labels, Model = model });

        Assert.Equal(AttackOutcome.Skipped, result.Outcome);
        Assert.Contains("input gradients", result.SkipReason);
        Assert.Null(result.Images);
    }

    [Fact]
    public void StandardOptions_AreAHundredStepsOfTwoAndAHalfEpsilonOverStepsWithFiveRestarts()
    {
        Assert.Equal(100, PgdOptions.Standard.Steps);
        Assert.Equal(5, PgdOptions.Standard.Restarts);
        Assert.Equal(2.5 * 16 / 255.0 / 100, PgdOptions.Standard.StepSize, 12);
    }
}
