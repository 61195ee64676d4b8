using Contest.Core.Rules;
using Contest.Evaluator.Attacks;
using Contest.Evaluator.Attacks.Boundary;
using Contest.Evaluator.Attacks.Spsa;
using Contest.Evaluator.Runtime;
using Contest.Evaluator.Tests.Attacks.Support;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks;

public class AttackSuiteTests
{
    public AttackSuiteTests() => TorchNativeLoader.EnsureLoaded();

    public static TheoryData<string> Names => [.. AttackSuites.WarmupAttacks];

    public static TheoryData<string, long> NamesAndClasses
    {
        get
        {
            var data = new TheoryData<string, long>();
            foreach (var name in AttackSuites.WarmupAttacks)
            {
                data.Add(name, 0);
                data.Add(name, 1);
            }
            return data;
        }
    }

    [Fact]
    public void Names_AreTheOriginalFiveInOrderThenPgd()
    {
        Assert.Equal(["clean", "spatial_grid", "common_corruptions", "spsa_with_random_spatial", "boundary_with_random_spatial", "pgd_linf"], AttackSuites.WarmupAttacks);
    }

    [Fact]
    public void Create_UnknownName_ThrowsListingTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => AttackRegistry.Create("fgsm", AttackProfile.Standard));

        Assert.Contains("spatial_grid", error.Message);
    }

    [Theory]
    [InlineData(AttackProfile.Standard)]
    [InlineData(AttackProfile.Quick)]
    public void Suite_EveryAttack_DescribesItselfAndEachParameter(AttackProfile profile)
    {
        var suite = AttackRegistry.Suite(profile);

        Assert.Equal(AttackSuites.WarmupAttacks, suite.Select(a => a.Name));
        Assert.All(suite, attack =>
        {
            Assert.Equal(profile, attack.Profile);
            Assert.False(string.IsNullOrWhiteSpace(attack.Description));
            Assert.All(attack.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Value) || string.IsNullOrWhiteSpace(p.Description)));
        });
        Assert.Equal(profile == AttackProfile.Quick ? 10 : 100, suite.Single(a => a.Name == "boundary_with_random_spatial").ImageLimit);
        if (profile == AttackProfile.Quick)
        {
            Assert.All(suite.Where(a => a.Name is not ("clean" or "common_corruptions")),
                a => Assert.Contains(a.Parameters, p => p.Description.Contains("quick: reduced")));
        }
    }

    [Theory]
    [MemberData(nameof(NamesAndClasses))]
    public void Run_DefenseThatAlwaysAnswersTheTrueClass_StaysFullyAccurate(string name, long label)
    {
        using var scope = NewDisposeScope();
        using var model = new TrueClassDefense(label);
        var (images, labels) = SyntheticImages.OfClass(2, label);
        var pool = SyntheticImages.Alternating(4);

        using var result = TestSized(name).Run(new AttackInput
        {
            Images = images, Labels = labels, Model = model, Seed = 1, StartingPool = new LabelledImages(pool.Images, pool.Labels),
        });

        Assert.Equal(1.0, Defenses.Accuracy(result.Logits!, labels));
        Assert.True(result.Logits!.allclose(model.Forward(result.Images!)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Run_SameSeed_GivesTheSameImagesInTheUnitBoxScoredByTheDefense(string name)
    {
        using var scope = NewDisposeScope();
        using var model = Defenses.Patch();
        var (images, labels) = SyntheticImages.Alternating(2);
        var reports = new List<AttackProgress>();
        AttackInput Input(ulong seed, IProgress<AttackProgress>? progress = null) =>
            new() { Images = images, Labels = labels, Model = model, Seed = seed, Progress = progress };

        using var first = TestSized(name).Run(Input(9, new SynchronousProgress(reports)));
        using var second = TestSized(name).Run(Input(9));

        Assert.Equal(new long[] { 2, 3, 224, 224 }, first.Images!.shape);
        Assert.Equal(new long[] { 2, 2 }, first.Logits!.shape);
        Assert.True(first.Images.min().item<float>() >= 0 && first.Images.max().item<float>() <= 1);
        Assert.True(first.Images.eq(second.Images!).all().item<bool>());
        Assert.True(first.Logits.eq(second.Logits!).all().item<bool>());
        Assert.True(first.Logits.allclose(model.Forward(first.Images), 1e-4, 1e-4));
        Assert.Equal(new AttackProgress(2, 2, first.ForwardImages), reports[^1]);
    }

    [Fact]
    public void Run_Cancelled_StopsWithOperationCanceled()
    {
        using var scope = NewDisposeScope();
        using var model = Defenses.Patch();
        var (images, labels) = SyntheticImages.Alternating(2);

        Assert.ThrowsAny<OperationCanceledException>(() =>
            AttackRegistry.Create("spatial_grid", AttackProfile.Quick).Run(new AttackInput { Images = images, Labels = labels, Model = model }, new CancellationToken(true)));
    }

    [Fact]
    public void Run_ImagesOfTheWrongSize_AreRefused()
    {
        using var scope = NewDisposeScope();
        using var model = Defenses.Patch();

        var error = Assert.Throws<ArgumentException>(() =>
            AttackRegistry.Create("clean", AttackProfile.Quick).Run(new AttackInput { Images = zeros(1, 3, 32, 32), Labels = tensor(new long[] { 0 }), Model = model }));

        Assert.Contains("[N,3,224,224]", error.Message);
    }

    // The registry's quick attacks, with SPSA and the boundary attack cut further to keep tests fast.
    private static IAttack TestSized(string name) => name switch
    {
        "spsa_with_random_spatial" => new SpsaAttack(AttackProfile.Quick, SpsaOptions.Quick with { Steps = 4, Samples = 8 }),
        "boundary_with_random_spatial" => new BoundaryAttack(AttackProfile.Quick, BoundaryOptions.Quick with { Iterations = 5 }),
        _ => AttackRegistry.Create(name, AttackProfile.Quick),
    };

    // Progress<T> posts to the thread pool; tests need the reports in order, on the attack's thread.
    private sealed class SynchronousProgress(List<AttackProgress> reports) : IProgress<AttackProgress>
    {
        public void Report(AttackProgress value) => reports.Add(value);
    }
}
