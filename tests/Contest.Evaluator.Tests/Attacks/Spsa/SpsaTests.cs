using Contest.Evaluator.Attacks;
using Contest.Evaluator.Attacks.Internal;
using Contest.Evaluator.Attacks.Spsa;
using Contest.Evaluator.Runtime;
using Contest.Evaluator.Tests.Attacks.Support;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks.Spsa;

public class SpsaTests
{
    public SpsaTests() => TorchNativeLoader.EnsureLoaded();

    [Fact]
    public void Estimate_DifferentiableModel_CorrelatesWithTheTrueGradient()
    {
        using var scope = NewDisposeScope();
        using var model = Defenses.Patch(patch: 4, scale: 200);
        var (images, labels) = SyntheticImages.Alternating(2);
        var session = new AttackSession(new AttackInput { Images = images, Labels = labels, Model = model, ForwardBatchSize = 256 }, default);
        using var random = new CpuRandomSource(3);

        var estimate = SpsaGradient.Estimate(session, images, labels, 64, 0.01, random);

        var leaf = images.clone().requires_grad_(true);
        var loss = -Margins.WrongMinusCorrect(model.ForwardWithGradients(leaf), labels);
        var truth = autograd.grad([loss.sum()], [leaf])[0];
        var patch = truth.ne(0);
        // Where the loss depends on the input, the estimate points the same way; elsewhere it is pure noise, so
        // over the whole image the cosine is small but still positive.
        Assert.True(Cosine(estimate.masked_select(patch), truth.masked_select(patch)) > 0.4);
        Assert.True(Cosine(estimate.flatten(), truth.flatten()) > 0.005);
        Assert.Equal(2 * 64, session.ForwardImages);
    }

    [Fact]
    public void Run_SmallBudgetOnAnEasyModel_BringsAccuracyDown()
    {
        using var scope = NewDisposeScope();
        // Logits +-5 or more on every image: confident, yet within reach of 10 gradient-free steps of 8 samples.
        using var model = Defenses.Patch(scale: 500);
        var (images, labels) = SyntheticImages.Alternating(6, offset: 0.01);
        Assert.Equal(1.0, Defenses.Accuracy(model.Forward(images), labels));

        using var result = new SpsaAttack(AttackProfile.Quick, SpsaOptions.Quick with { Steps = 10, Samples = 8 })
            .Run(new AttackInput { Images = images, Labels = labels, Model = model, Seed = 1 });

        Assert.True(Defenses.Accuracy(result.Logits!, labels) <= 0.2);
        Assert.True(result.Logits!.allclose(model.Forward(result.Images!), 1e-4, 1e-4));
    }

    [Fact]
    public void Run_WithoutSpatial_StaysWithinEpsilonAndTheUnitBox()
    {
        using var scope = NewDisposeScope();
        using var model = Defenses.Patch();
        var (images, labels) = SyntheticImages.Alternating(3);
        var options = SpsaOptions.Quick with { Spatial = null, Steps = 5, Samples = 8 };

        using var result = new SpsaAttack(AttackProfile.Quick, options).Run(new AttackInput { Images = images, Labels = labels, Model = model });

        Assert.True((result.Images! - images).abs().max().item<float>() <= options.Epsilon + 1e-6);
        Assert.True(result.Images!.min().item<float>() >= 0 && result.Images.max().item<float>() <= 1);
    }

    [Fact]
    public void Run_EarlyStop_EndsAnImageOnceTheWrongLogitLeadsByMoreThanOne()
    {
        using var scope = NewDisposeScope();
        using var model = Defenses.Patch(scale: 500);
        var (images, labels) = SyntheticImages.Alternating(2, offset: 0.01);
        var options = SpsaOptions.Quick with { Spatial = null, Steps = 40, Samples = 32 };

        using var result = new SpsaAttack(AttackProfile.Quick, options).Run(new AttackInput { Images = images, Labels = labels, Model = model, Seed = 4 });

        var margins = Margins.WrongMinusCorrect(result.Logits!, labels);
        Assert.True(margins.gt(1).all().item<bool>());
        // Far fewer than 40 steps x 33 forwards per image.
        Assert.True(result.ForwardImages < 2 * options.Steps * (options.Samples + 1));
    }

    private static double Cosine(Tensor a, Tensor b) =>
        (a * b).sum().item<float>() / (a.norm().item<float>() * b.norm().item<float>());
}
