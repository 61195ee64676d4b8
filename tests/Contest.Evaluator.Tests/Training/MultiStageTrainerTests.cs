using Contest.Core.Training;
using Contest.ReferenceModels.LabelPrivacy;
using Contest.ReferenceModels.Training;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Training;

/// <summary>
/// LP-MST on the tiny generated set: each true label enters one release and training only through
/// it, stages train on the growing set of released labels, a run repeats from its seed and resumes
/// from a checkpoint taken in any stage.
/// </summary>
[Collection(TrainingCollection.Name)]
public class MultiStageTrainerTests
{
    [Fact]
    public void Run_ReadsEachTrueLabelExactlyOnce_AndReleasesEveryImageInTheStageOfItsPart()
    {
        var data = TrainerTests.TinySet();
        var plan = Plan(stages: 3);
        var observer = new CountingObserver();

        var result = new MultiStageTrainer(plan, data, CPU, observer).Run(null, CancellationToken.None);
        using var model = result.Training.Model;

        var parts = StageParts.Split(data.Count, plan.Stages, plan.FirstPartFraction, plan.Seed);
        Assert.Equal(parts.Select(p => p.Length), result.Release.Stages.Select(s => s.Drawn));
        Assert.Equal(data.Count, result.Release.Total.Drawn);
        Assert.All(result.Release.Labels, l => Assert.InRange(l, 0, 1));
        // One epoch per stage over the images released so far: 6, 11 then 16 images in batches of 4
        // (a last batch of 2 or 3 is kept), so 2, 3 then 4 steps.
        Assert.Equal([6, 5, 5], parts.Select(p => p.Length));
        Assert.Equal([2, 3, 4], observer.StepsPerEpoch);
        Assert.Equal(plan.Stages * plan.Epochs, result.Training.Curve.Count);
        Assert.Equal(Enumerable.Range(1, plan.Stages * plan.Epochs), result.Training.Curve.Select(e => e.Epoch));
    }

    [Fact]
    public void OneTimeLabels_RefuseASecondReadOfTheSameLabel()
    {
        var labels = new OneTimeLabels(TrainerTests.TinySet());

        labels.Take(3);
        labels.Take(4);

        var second = Assert.Throws<InvalidOperationException>(() => labels.Take(3));
        Assert.Contains("read twice", second.Message);
        Assert.Equal(2, labels.Read);
    }

    [Theory]
    [InlineData(16, 2, 0, new[] { 8, 8 })]
    [InlineData(16, 3, 0, new[] { 6, 5, 5 })]
    [InlineData(10, 2, 0.3, new[] { 3, 7 })]
    [InlineData(7, 1, 0, new[] { 7 })]
    public void StageParts_CoverEveryImageOnce_WithTheAskedSizes(int images, int stages, double first, int[] sizes)
    {
        var parts = StageParts.Split(images, stages, first, seed: 5);

        Assert.Equal(sizes, parts.Select(p => p.Length));
        Assert.Equal(Enumerable.Range(0, images), parts.SelectMany(p => p).Order());
        Assert.Equal(parts, StageParts.Split(images, stages, first, seed: 5));
    }

    [Fact]
    public void Run_AtAnEpsilonBeyondAnyFlip_ReleasesTheTrueLabels()
    {
        var data = TrainerTests.TinySet();

        var result = new MultiStageTrainer(Plan(stages: 2) with { LabelEpsilon = 50 }, data, CPU, new CountingObserver()).Run(null, CancellationToken.None);
        result.Training.Model.Dispose();

        Assert.Equal(Enumerable.Range(0, data.Count).Select(i => data.LabelOf(i)), result.Release.Labels);
        Assert.Equal(0, result.Release.Total.Wrong);
    }

    [Fact]
    public void Run_ResumedFromACheckpointInTheSecondStage_EndsWhereTheUninterruptedRunEnds()
    {
        var plan = Plan(stages: 2) with { Epochs = 2 };
        var whole = new MultiStageTrainer(plan, TrainerTests.TinySet(), CPU, new CountingObserver()).Run(null, CancellationToken.None);

        var interrupted = new CountingObserver();
        new MultiStageTrainer(plan, TrainerTests.TinySet(), CPU, interrupted) { CheckpointInterval = TimeSpan.Zero }
            .Run(null, CancellationToken.None).Training.Model.Dispose();
        var middle = interrupted.Checkpoints.First(c => c.Stage == 1 && c.Epoch == 0 && c.Step == 1);
        using var folder = new Contest.Tests.Shared.TempDirectory("checkpoint");
        var path = Path.Combine(folder.Path, "latest.ckpt");
        middle.Save(path);
        var resumed = new MultiStageTrainer(plan, TrainerTests.TinySet(), CPU, new CountingObserver()).Run(TrainingCheckpoint.Read(path), CancellationToken.None);

        Assert.Equal(whole.Release.Labels, resumed.Release.Labels);
        Assert.Equal(whole.Release.Stages, resumed.Release.Stages);
        using (whole.Training.Model)
        using (resumed.Training.Model)
        {
            Assert.Equal(whole.Training.Curve.Select(e => Math.Round(e.Loss, 5)), resumed.Training.Curve.Select(e => Math.Round(e.Loss, 5)));
            var probe = TrainerTests.TinySet().Batch([0, 1, 2, 3], CPU).Images;
            using var noGrad = no_grad();
            Assert.Equal(whole.Training.Model.forward(probe).data<float>().ToArray(), resumed.Training.Model.forward(probe).data<float>().ToArray(),
                (x, y) => Math.Abs(x - y) <= 1e-4f);
        }
    }

    [Fact]
    public void Run_WithMixup_TrainsAndRepeatsFromItsSeed()
    {
        var plan = Plan(stages: 1) with { Mechanism = LabelMechanism.RandomizedResponse, Mixup = true };

        var first = new MultiStageTrainer(plan, TrainerTests.TinySet(), CPU, new CountingObserver()).Run(null, CancellationToken.None);
        var second = new MultiStageTrainer(plan, TrainerTests.TinySet(), CPU, new CountingObserver()).Run(null, CancellationToken.None);
        first.Training.Model.Dispose();
        second.Training.Model.Dispose();

        Assert.All(first.Training.Curve, e => Assert.True(double.IsFinite(e.Loss)));
        Assert.Equal(first.Training.Curve.Select(e => Math.Round(e.Loss, 5)), second.Training.Curve.Select(e => Math.Round(e.Loss, 5)));
        Assert.Equal(first.Release.Labels, second.Release.Labels);
    }

    private static TrainingPlan Plan(int stages) => TrainerTests.TinyPlan(RecipeKind.LabelDp) with
    {
        Epochs = 1,
        BatchSize = 4,
        Stages = stages,
        LabelEpsilon = 1,
        Mechanism = stages > 1 ? LabelMechanism.RrWithPrior : LabelMechanism.RandomizedResponse,
        EpsilonWarmupEpochs = 0,
    };

    private sealed class CountingObserver : ITrainingObserver
    {
        private int _lastStepsPerEpoch;

        public List<int> StepsPerEpoch { get; } = [];

        public List<TrainingCheckpoint> Checkpoints { get; } = [];

        public void OnStep(TrainingStep step) => _lastStepsPerEpoch = step.StepsPerEpoch;

        public void OnEpoch(EpochMetrics metrics) => StepsPerEpoch.Add(_lastStepsPerEpoch);

        public void OnCheckpoint(TrainingCheckpoint checkpoint) => Checkpoints.Add(checkpoint);
    }
}
