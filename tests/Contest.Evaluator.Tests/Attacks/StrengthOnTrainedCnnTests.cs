using Contest.Core;
using Contest.Core.Metrics;
using Contest.Evaluator.Attacks;
using Contest.Evaluator.Runtime;
using Contest.Evaluator.Tests.Data;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks;

/// <summary>
/// The attacks are strong where they should be: against the small CNN trained on the embedded train
/// split (a defense that is perfect on its most confident 80% of the clean test split), the quick
/// profiles of SPSA and PGD bring accuracy@80 below 10%.
/// </summary>
[Collection(TrainedSmallCnnCollection.Name)]
public class StrengthOnTrainedCnnTests(TrainedSmallCnnFixture trained, ITestOutputHelper output)
{
    [Theory]
    [InlineData("clean", 1.0, 1.0)]
    [InlineData("pgd_linf", 0.0, 0.1)]
    [InlineData("spsa_with_random_spatial", 0.0, 0.1)]
    public void QuickProfile_OnTheTrainedCnn_AccuracyAt80InRange(string attackName, double atLeast, double below)
    {
        TorchNativeLoader.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var defense = new ModuleDefense("trained small cnn", trained.Model, CPU, ownsModule: false);
        var attack = AttackRegistry.Create(attackName, AttackProfile.Quick);
        // The evaluation order: bicycles and birds alternating, and the attack's own leading subset when it has one.
        var (all, allLabels) = trained.TestTensors();
        var half = trained.TestLabels.Length / 2;
        var order = Enumerable.Range(0, half).SelectMany(i => new long[] { i, half + i }).Take(attack.ImageLimit ?? int.MaxValue).ToArray();
        var images = all.index_select(0, tensor(order));
        var labels = allLabels.index_select(0, tensor(order));

        using var result = attack.Run(new AttackInput { Images = images, Labels = labels, Model = defense, Seed = 11 });

        var raw = result.Logits!.data<float>().ToArray();
        var logits = Enumerable.Range(0, order.Length).Select(i => new Logits(raw[2 * i], raw[(2 * i) + 1])).ToList();
        var truth = order.Select(i => (ClassLabel)(int)trained.TestLabels[i]).ToList();
        var accuracy = CoverageMetrics.Evaluate(logits, truth).AccuracyAt80;
        output.WriteLine($"{attackName}: accuracy@80 {accuracy:P1} on {order.Length} images");
        Assert.InRange(accuracy, atLeast, below == 1.0 ? 1.0 : below - 1e-12);
    }
}
