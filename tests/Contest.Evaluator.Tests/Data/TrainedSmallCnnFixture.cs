using System.Diagnostics;
using Contest.Core.Dataset;
using Contest.Core.Dataset.Generation;
using Contest.Core.Imaging;
using Contest.Evaluator.Runtime;
using Contest.ReferenceModels.Architectures;
using Contest.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Data;

/// <summary>
/// The small reference CNN trained once per test run on the generated train split (125 per class,
/// through the original loader's preprocessing), shared by the tests that need a model that has
/// learned the task. Seeds are fixed; seed 4 gives a network that is also perfect on its 80% most
/// confident clean test images (accuracy@80 = 100%), the starting point the attack-strength tests need.
/// </summary>
public sealed class TrainedSmallCnnFixture : IDisposable
{
    private const int PerClass = 125;
    private const int Epochs = 60;
    private const int BatchSize = 16;
    private const double LearningRate = 3e-3;
    private const int Seed = 4;

    public TrainedSmallCnnFixture() : this(Seed)
    {
    }

    internal TrainedSmallCnnFixture(int seed)
    {
        TorchNativeLoader.EnsureLoaded();
        using var temp = new TempDirectory("contest-learnability");
        DatasetGenerator.Generate(new GenerationOptions
        {
            Root = temp.Path,
            Counts = SplitCounts.Parse($"train={PerClass},test={PerClass},extras=0,eligibility=0"),
        });
        var reader = DatasetReader.Open(temp.Path);
        var (trainImages, trainLabels) = Load(reader, DatasetSplit.Train);
        (TestImages, TestLabels) = Load(reader, DatasetSplit.Test);

        torch.manual_seed(seed);
        torch.random.manual_seed(seed);
        Model = new SmallCnn();
        var clock = Stopwatch.StartNew();
        Train(Model, trainImages, trainLabels, new Random(seed));
        TrainingTime = clock.Elapsed;
        Model.eval();
    }

    /// <summary>The trained network, in eval mode.</summary>
    public SmallCnn Model { get; }

    /// <summary>The test split: NCHW floats in [0,1], and labels (0 bicycle, 1 bird).</summary>
    public float[] TestImages { get; }

    public long[] TestLabels { get; }

    public TimeSpan TrainingTime { get; }

    public const int TrainingEpochs = Epochs;

    /// <summary>Test images [N,3,224,224] and labels [N] as tensors (the caller disposes them).</summary>
    public (Tensor Images, Tensor Labels) TestTensors() =>
        (tensor(TestImages, [TestLabels.Length, ModelInput.Channels, ModelInput.Size, ModelInput.Size]), tensor(TestLabels));

    public void Dispose() => Model.Dispose();

    private static (float[] Images, long[] Labels) Load(DatasetReader reader, DatasetSplit split)
    {
        var entries = reader.List(split);
        var batch = ModelInput.LoadBatch(entries.Select(reader.FullPath).ToList());
        return (batch.Data, entries.Select(e => (long)e.Label).ToArray());
    }

    private static void Train(SmallCnn model, float[] images, long[] labels, Random random)
    {
        using var optimizer = optim.Adam(model.parameters(), lr: LearningRate, weight_decay: 5e-4);
        var order = Enumerable.Range(0, labels.Length).ToArray();
        model.train();
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            foreach (var group in optimizer.ParamGroups)
                group.LearningRate = LearningRate * 0.5 * (1 + Math.Cos(Math.PI * epoch / Epochs));
            random.Shuffle(order);
            for (var start = 0; start < labels.Length; start += BatchSize)
            {
                using var scope = NewDisposeScope();
                var (x, y) = Batch(images, labels, order.Skip(start).Take(BatchSize).ToArray());
                optimizer.zero_grad();
                nn.functional.cross_entropy(model.forward(Augment(x, random)), y).backward();
                optimizer.step();
            }
        }
    }

    /// <summary>
    /// What a picture of a bird or a bicycle survives: mirroring, shifting, rescaling, and any
    /// permutation of the colour channels (the class never depends on colour).
    /// </summary>
    private static Tensor Augment(Tensor x, Random random)
    {
        var flip = rand(x.shape[0]) < 0.5;
        x = where(flip.view(-1, 1, 1, 1), x.flip(3), x);
        x = x.roll([random.Next(-24, 25), random.Next(-24, 25)], [2, 3]);
        var channels = new long[] { 0, 1, 2 };
        random.Shuffle(channels);
        x = x.index_select(1, tensor(channels));
        var size = random.Next(190, 260);
        var scaled = nn.functional.interpolate(x, [size, size], mode: InterpolationMode.Bilinear, align_corners: false);
        if (size >= ModelInput.Size)
        {
            var offset = (size - ModelInput.Size) / 2;
            return scaled[.., .., offset..(offset + ModelInput.Size), offset..(offset + ModelInput.Size)];
        }
        var before = (ModelInput.Size - size) / 2;
        var after = ModelInput.Size - size - before;
        return nn.functional.pad(scaled, [before, after, before, after], PaddingModes.Replicate);
    }

    /// <summary>Accuracy with the mirror image's logits added (test-time augmentation).</summary>
    public static double Evaluate(SmallCnn model, float[] images, long[] labels)
    {
        model.eval();
        using var noGrad = no_grad();
        var correct = 0;
        for (var start = 0; start < labels.Length; start += 50)
        {
            using var scope = NewDisposeScope();
            var (x, y) = Batch(images, labels, Enumerable.Range(start, Math.Min(50, labels.Length - start)).ToArray());
            var logits = model.forward(x) + model.forward(x.flip(3));
            correct += (int)logits.argmax(1).eq(y).sum().item<long>();
        }
        return (double)correct / labels.Length;
    }

    private static (Tensor Images, Tensor Labels) Batch(float[] images, long[] labels, int[] indices)
    {
        var data = new float[indices.Length * ModelInput.ImageLength];
        for (var i = 0; i < indices.Length; i++)
            Array.Copy(images, indices[i] * ModelInput.ImageLength, data, i * ModelInput.ImageLength, ModelInput.ImageLength);
        return (tensor(data, [indices.Length, ModelInput.Channels, ModelInput.Size, ModelInput.Size]),
            tensor(indices.Select(i => labels[i]).ToArray()));
    }
}

/// <summary>
/// Tests that need the trained CNN share one training run. The collection runs alone: training draws
/// from libtorch's global random generator, which tests running beside it would also draw from, and
/// the seeded network must come out the same every time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TrainedSmallCnnCollection : ICollectionFixture<TrainedSmallCnnFixture>
{
    public const string Name = "trained small cnn";
}
