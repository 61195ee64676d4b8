using Contest.Core.Training;
using Contest.Evaluator.Runtime;
using Contest.ReferenceModels.Training;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Training;

/// <summary>
/// The trainer on a tiny generated set (blobs of two colours standing in for the classes), small
/// enough to run in seconds: every recipe runs and learns, a run repeats exactly from its seed, and a
/// run resumed from a checkpoint ends where the uninterrupted run ends.
/// </summary>
[Collection(TrainingCollection.Name)]
public class TrainerTests
{
    [Theory]
    [InlineData(RecipeKind.Undefended)]
    [InlineData(RecipeKind.AdversarialPgd)]
    [InlineData(RecipeKind.Trades)]
    public void Run_EachRecipe_FinishesWithAFiniteCurveOfEveryEpoch(RecipeKind recipe)
    {
        var plan = TinyPlan(recipe) with { Epochs = 2 };
        var observer = new RecordingObserver();

        var result = new Trainer(plan, TinySet(), CPU, observer).Run(null, CancellationToken.None);
        using var model = result.Model;

        Assert.Equal([1, 2], result.Curve.Select(e => e.Epoch));
        Assert.All(result.Curve, e => Assert.True(double.IsFinite(e.Loss) && e.Accuracy is >= 0 and <= 1));
        Assert.Equal(plan.Epochs * 2, observer.Steps.Count);
        Assert.Equal(2, observer.Checkpoints.Count);
        if (recipe != RecipeKind.Undefended)
            Assert.Equal(plan.Epsilon, result.Curve[^1].Epsilon, 6);
    }

    [Fact]
    public void Run_UndefendedOnSeparableColours_LearnsTheTask()
    {
        var plan = TinyPlan(RecipeKind.Undefended) with { Epochs = 6, LearningRate = 0.05 };

        var result = new Trainer(plan, TinySet(), CPU, new RecordingObserver()).Run(null, CancellationToken.None);
        using var model = result.Model;

        Assert.True(result.Curve[^1].Accuracy >= 0.9, $"training accuracy {result.Curve[^1].Accuracy:P0} after {plan.Epochs} epochs");
        Assert.True(result.Curve[^1].Loss < result.Curve[0].Loss);
    }

    [Fact]
    public void Run_TwiceWithTheSameSeed_GivesTheSameCurveAndWeights()
    {
        var plan = TinyPlan(RecipeKind.AdversarialPgd);

        var first = new Trainer(plan, TinySet(), CPU, new RecordingObserver()).Run(null, CancellationToken.None);
        var second = new Trainer(plan, TinySet(), CPU, new RecordingObserver()).Run(null, CancellationToken.None);

        AssertSameRun(first, second);
    }

    [Fact]
    public void Run_ResumedFromAMidRunCheckpoint_EndsWhereTheUninterruptedRunEnds()
    {
        var plan = TinyPlan(RecipeKind.AdversarialPgd) with { Epochs = 3 };
        var uninterrupted = new RecordingObserver();
        var whole = new Trainer(plan, TinySet(), CPU, uninterrupted).Run(null, CancellationToken.None);

        // A checkpoint in the middle of epoch 2 (every step offers one at interval zero), written and read back as a file.
        var interrupted = new RecordingObserver();
        new Trainer(plan, TinySet(), CPU, interrupted) { CheckpointInterval = TimeSpan.Zero }.Run(null, CancellationToken.None).Model.Dispose();
        var middle = interrupted.Checkpoints.First(c => c.Epoch == 1 && c.Step == 1);
        using var file = new Contest.Tests.Shared.TempDirectory("checkpoint");
        var path = Path.Combine(file.Path, "latest.ckpt");
        middle.Save(path);
        var resumed = new Trainer(plan, TinySet(), CPU, new RecordingObserver()).Run(TrainingCheckpoint.Read(path), CancellationToken.None);

        AssertSameRun(whole, resumed);
    }

    [Fact]
    public void Run_WithACheckpointOfAnotherPlan_IsRefused()
    {
        var plan = TinyPlan(RecipeKind.Undefended);
        var observer = new RecordingObserver();
        new Trainer(plan, TinySet(), CPU, observer).Run(null, CancellationToken.None).Model.Dispose();

        var other = plan with { Seed = plan.Seed + 1 };
        var error = Assert.Throws<ArgumentException>(() => new Trainer(other, TinySet(), CPU, observer).Run(observer.Checkpoints[0], CancellationToken.None));

        Assert.Contains("different training plan", error.Message);
    }

    [Fact]
    public void Run_CancelledMidRun_StopsWithCancellation()
    {
        using var cancellation = new CancellationTokenSource();
        var observer = new RecordingObserver { OnEachStep = cancellation.Cancel };

        Assert.Throws<OperationCanceledException>(() => new Trainer(TinyPlan(RecipeKind.Undefended), TinySet(), CPU, observer).Run(null, cancellation.Token));
        Assert.Single(observer.Steps);
    }

    private static void AssertSameRun(TrainingResult expected, TrainingResult actual)
    {
        using (expected.Model)
        using (actual.Model)
        {
            Assert.Equal(expected.Curve.Count, actual.Curve.Count);
            foreach (var (a, b) in expected.Curve.Zip(actual.Curve))
            {
                Assert.Equal(a.Loss, b.Loss, 5);
                Assert.Equal(a.Accuracy, b.Accuracy, 6);
            }
            var probe = TinySet().Batch([0, 1, 2, 3], CPU).Images;
            using var noGrad = no_grad();
            var logitsA = expected.Model.forward(probe).data<float>().ToArray();
            var logitsB = actual.Model.forward(probe).data<float>().ToArray();
            Assert.Equal(logitsA, logitsB, (x, y) => Math.Abs(x - y) <= 1e-4f);
        }
    }

    /// <summary>A plan small enough for seconds: the CPU ResNet at width 16, batches of 8, 16 images.</summary>
    internal static TrainingPlan TinyPlan(RecipeKind recipe) => TrainingPlan.For(recipe, TrainingProfile.Quick, seed: 7) with
    {
        Width = 16,
        Epochs = 2,
        BatchSize = 8,
        EpsilonWarmupEpochs = recipe == RecipeKind.Undefended ? 0 : 1,
        CleanEpochs = 0,
    };

    /// <summary>16 images: bicycles are noisy blue, birds noisy red (the augmentation permutes channels, so a red-vs-blue bright blob in the centre decides).</summary>
    internal static TrainingSet TinySet()
    {
        TorchNativeLoader.EnsureLoaded();
        const int count = 16;
        var random = new Random(3);
        var pixels = new byte[count * TrainingSet.ImageLength];
        var labels = new long[count];
        const int plane = 224 * 224;
        for (var i = 0; i < count; i++)
        {
            labels[i] = i % 2;
            var offset = i * TrainingSet.ImageLength;
            for (var p = 0; p < TrainingSet.ImageLength; p++)
                pixels[offset + p] = (byte)random.Next(0, 60);
            // Birds: a bright square; bicycles: none (channel permutation cannot hide brightness).
            if (labels[i] == 1)
            {
                for (var y = 72; y < 152; y++)
                    for (var x = 72; x < 152; x++)
                        for (var c = 0; c < 3; c++)
                            pixels[offset + c * plane + y * 224 + x] = 230;
            }
        }
        return new TrainingSet(pixels, labels);
    }

    private sealed class RecordingObserver : ITrainingObserver
    {
        public List<TrainingStep> Steps { get; } = [];

        public List<TrainingCheckpoint> Checkpoints { get; } = [];

        public Action? OnEachStep { get; init; }

        public void OnStep(TrainingStep step)
        {
            Steps.Add(step);
            OnEachStep?.Invoke();
        }

        public void OnEpoch(EpochMetrics metrics)
        {
        }

        public void OnCheckpoint(TrainingCheckpoint checkpoint) => Checkpoints.Add(checkpoint);
    }
}

/// <summary>
/// Training draws from libtorch's global generator (seeded per step); tests running beside it would
/// draw from it too and change the seeded runs, so the collection runs alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TrainingCollection
{
    public const string Name = "training";
}
