using Contest.Evaluator.Attacks;
using Contest.Evaluator.Attacks.Boundary;
using Contest.Evaluator.Runtime;
using Contest.Evaluator.Tests.Attacks.Support;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks.Boundary;

public class BoundaryAttackTests
{
    private static readonly BoundaryOptions Short = BoundaryOptions.Quick with { Iterations = 10, Spatial = null };

    public BoundaryAttackTests() => TorchNativeLoader.EnsureLoaded();

    [Fact]
    public void Run_NeverReturnsAnImageFartherThanL2Ten()
    {
        using var scope = NewDisposeScope();
        using var model = Defenses.Patch();
        var (images, labels) = SyntheticImages.Alternating(2, offset: 0.1);

        using var result = new BoundaryAttack(AttackProfile.Quick, Short).Run(new AttackInput { Images = images, Labels = labels, Model = model, Seed = 2 });

        var distances = Distances(result.Images!, images);
        Assert.True(distances.max().item<double>() <= 10, $"largest L2 distance {distances.max().item<double>()}");
        // The pool's other-class images start about 0.2 * 388 = 78 away, so the walk did move them.
        Assert.True(distances.min().item<double>() > 0);
    }

    [Fact]
    public void Run_NoSteps_ProjectsTheStartingImageOntoTheBall()
    {
        using var scope = NewDisposeScope();
        using var model = Defenses.Patch();
        var (images, labels) = SyntheticImages.Alternating(2, offset: 0.1);

        using var result = new BoundaryAttack(AttackProfile.Quick, Short with { Iterations = 0 }).Run(new AttackInput { Images = images, Labels = labels, Model = model });

        var distances = Distances(result.Images!, images);
        Assert.True(distances.gt(9.999).all().item<bool>() && distances.le(10).all().item<bool>(), string.Join(" ", distances.data<double>().ToArray()));
        Assert.True(result.Logits!.allclose(model.Forward(result.Images!), 1e-4, 1e-4));
    }

    [Fact]
    public void Run_StartingPointNotAdversarial_ReturnsTheImageUnattacked()
    {
        using var scope = NewDisposeScope();
        using var model = new TrueClassDefense(0);
        var (images, labels) = SyntheticImages.OfClass(2, 0);
        var pool = SyntheticImages.OfClass(3, 1);

        using var result = new BoundaryAttack(AttackProfile.Quick, Short).Run(
            new AttackInput { Images = images, Labels = labels, Model = model, StartingPool = new LabelledImages(pool.Images, pool.Labels) });

        Assert.True(result.Images!.eq(images).all().item<bool>());
        // One forward to check the starting points and one to score the results.
        Assert.Equal(4, result.ForwardImages);
    }

    [Fact]
    public void Run_CloseEnoughToTheDecisionBoundary_StopsEarly()
    {
        using var scope = NewDisposeScope();
        using var model = Defenses.Patch();
        var (images, labels) = SyntheticImages.Alternating(2, offset: 0.02);
        var longer = Short with { Iterations = 2000 };

        using var result = new BoundaryAttack(AttackProfile.Quick, longer).Run(new AttackInput { Images = images, Labels = labels, Model = model, Seed = 5 });

        // The patch is 48 of 150528 values: the attack soon gets within L2 10 while staying adversarial.
        Assert.Equal(0.0, Defenses.Accuracy(result.Logits!, labels));
        Assert.True(result.ForwardImages < 2 * longer.Iterations * longer.MaxDirections / 4, $"{result.ForwardImages} forwards");
    }

    [Fact]
    public void Candidates_KeepTheDistanceOnTheSphereAndShrinkItOnTheStep()
    {
        using var scope = NewDisposeScope();
        var originals = full(1, 100, 0.5, ScalarType.Float64);
        var perturbed = originals + full(1, 100, 0.1, ScalarType.Float64);
        var normals = randn(1, 3, 100, ScalarType.Float64);

        var (candidates, spherical) = BoundaryCandidates.Generate(originals, perturbed, tensor(new[] { 0.01 }), tensor(new[] { 0.05 }), normals);

        var distance = (originals - perturbed).norm().item<double>();
        var sphere = (spherical - originals.unsqueeze(1)).norm(-1).data<double>().ToArray();
        var step = (candidates - originals.unsqueeze(1)).norm(-1).data<double>().ToArray();
        Assert.All(sphere, d => Assert.Equal(distance, d, 9));
        Assert.All(step, d => Assert.Equal(distance * 0.95, d, 9));
    }

    private static Tensor Distances(Tensor a, Tensor b) => (a.to(ScalarType.Float64) - b.to(ScalarType.Float64)).flatten(1).norm(1);
}
