using Xunit.Abstractions;

namespace Contest.Evaluator.Tests.Data;

/// <summary>
/// The generated task is learnable: the small reference CNN, trained from scratch for about twenty
/// seconds on the 250-image train split, classifies the test split almost perfectly: 97-98% over
/// four training seeds (mirror-averaged), so the 95% bar leaves room for CPU-kernel noise.
/// </summary>
[Collection(TrainedSmallCnnCollection.Name)]
public class SyntheticDatasetLearnabilityTests(TrainedSmallCnnFixture trained, ITestOutputHelper output)
{
    [Fact]
    public void SmallCnn_TrainedOnGeneratedTrainSplit_ReachesNinetyFivePercentOnTest()
    {
        var accuracy = TrainedSmallCnnFixture.Evaluate(trained.Model, trained.TestImages, trained.TestLabels);

        // Wall time is reported, not asserted: on a shared two-core machine it depends on the neighbours.
        output.WriteLine($"test accuracy {accuracy:P1} after {TrainedSmallCnnFixture.TrainingEpochs} epochs, {trained.TrainingTime.TotalSeconds:F1}s of training");
        Assert.True(accuracy >= 0.95, $"test accuracy {accuracy:P1}");
    }
}
