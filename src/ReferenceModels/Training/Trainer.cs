using Contest.Core.Training;
using System.Diagnostics;
using Contest.ReferenceModels.Architectures;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Contest.ReferenceModels.Training;

/// <summary>What a finished run leaves: the trained network (eval mode, on the run's device) and its curve.</summary>
public sealed record TrainingResult(nn.Module<Tensor, Tensor> Model, IReadOnlyList<EpochMetrics> Curve, double ImagesPerSecond);

/// <summary>
/// Trains a reference model by its plan. Every random draw of a step (the shuffle of its epoch, the
/// augmentation, the attack's start) comes from seeds derived from the plan's seed and the step's
/// number, so a run resumed from a checkpoint continues exactly as the uninterrupted run would have.
/// </summary>
public sealed class Trainer(TrainingPlan plan, TrainingSet data, Device device, ITrainingObserver observer)
{
    private const double Momentum = 0.9;
    private const double MaxGradientNorm = 10;

    /// <summary>How often a checkpoint is offered to the observer besides the end of every epoch.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Label-DP: the 0-based stage this run is; it changes every seed, so stages draw differently.</summary>
    public int Stage { get; init; }

    /// <summary>The network's state to start from (an earlier stage's model) instead of a fresh one.</summary>
    public byte[]? WarmStart { get; init; }

    /// <summary>Label-DP: the labels released so far, carried in every checkpoint.</summary>
    public LabelPrivacy.LabelRelease? Release { get; init; }

    private long Seed => Stage == 0 ? plan.Seed : StepSeed(plan.Seed, long.MinValue + Stage);

    /// <summary>Runs the plan to its end, from <paramref name="resume"/> when given.</summary>
    /// <exception cref="ArgumentException">The plan is invalid, or the checkpoint belongs to another plan.</exception>
    public TrainingResult Run(TrainingCheckpoint? resume, CancellationToken cancellationToken)
    {
        plan.Validate();
        if (data.Count < plan.BatchSize)
            throw new ArgumentException($"{data.Count} training images are fewer than one batch of {plan.BatchSize}.");
        if (resume is not null && (resume.Plan != plan || resume.Stage != Stage))
            throw new ArgumentException("the checkpoint belongs to a different training plan or stage.");

        torch.manual_seed(Seed);
        var model = ArchitectureCatalog.Create(plan.Architecture, plan.Width);
        if (WarmStart is not null && resume is null)
        {
            using var state = new MemoryStream(WarmStart);
            model.load(state);
        }
        model.to(device);
        using var optimizer = optim.SGD(model.parameters(), plan.LearningRate, momentum: Momentum, weight_decay: plan.WeightDecay, nesterov: true);
        var curve = new List<EpochMetrics>();
        var startEpoch = 0;
        var startStep = 0;
        var sums = new EpochSums();
        if (resume is not null)
        {
            Restore(model, optimizer, resume);
            curve.AddRange(resume.Curve);
            (startEpoch, startStep) = (resume.Epoch, resume.Step);
            sums = new EpochSums { Loss = resume.EpochLossSum, Correct = resume.EpochCorrect, Images = resume.EpochImages, Seconds = resume.EpochSeconds };
        }

        // A last batch too small for batch-norm statistics is dropped.
        var stepsPerEpoch = data.Count / plan.BatchSize + (data.Count % plan.BatchSize >= 2 ? 1 : 0);
        var totalSteps = (long)stepsPerEpoch * plan.Epochs;
        var clock = Stopwatch.StartNew();
        var lastCheckpoint = clock.Elapsed;
        long imagesThisRun = 0;
        long stepsThisRun = 0;

        for (var epoch = startEpoch; epoch < plan.Epochs; epoch++)
        {
            var order = Enumerable.Range(0, data.Count).ToArray();
            new Random(unchecked((int)StepSeed(Seed, -1 - epoch))).Shuffle(order);
            var epochClock = Stopwatch.StartNew();
            for (var step = epoch == startEpoch ? startStep : 0; step < stepsPerEpoch; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var globalStep = (long)epoch * stepsPerEpoch + step;
                var learningRate = plan.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * globalStep / totalSteps));
                foreach (var group in optimizer.ParamGroups)
                    group.LearningRate = learningRate;

                var epsilon = plan.EpsilonAt((double)globalStep / stepsPerEpoch);
                var indices = order.AsSpan(step * plan.BatchSize, Math.Min(plan.BatchSize, data.Count - step * plan.BatchSize));
                optimizer.zero_grad();
                var (loss, correct) = LossAndGradients(model, indices, epsilon, globalStep);
                // A guard against a rare exploding step (a batch-norm channel with almost no variance): it
                // leaves ordinary steps alone.
                nn.utils.clip_grad_norm_(model.parameters(), MaxGradientNorm);
                // Outside the step's dispose scope: the optimizer's state (momentum) is created on the
                // first step and must outlive it.
                optimizer.step();
                sums.Loss += loss * indices.Length;
                sums.Correct += correct;
                sums.Images += indices.Length;
                imagesThisRun += indices.Length;
                stepsThisRun++;

                var elapsed = clock.Elapsed.TotalSeconds;
                var rate = imagesThisRun / Math.Max(elapsed, 1e-9);
                var stepsDone = globalStep + 1;
                observer.OnStep(new TrainingStep(epoch + 1, plan.Epochs, step + 1, stepsPerEpoch, stepsDone, totalSteps,
                    sums.Loss / sums.Images, (double)sums.Correct / sums.Images, rate, (totalSteps - stepsDone) * elapsed / stepsThisRun));

                var endOfEpoch = step + 1 == stepsPerEpoch;
                if (endOfEpoch)
                {
                    var seconds = sums.Seconds + epochClock.Elapsed.TotalSeconds;
                    curve.Add(new EpochMetrics(epoch + 1, sums.Loss / sums.Images, (double)sums.Correct / sums.Images, plan.EpsilonAt(epoch + 1.0),
                        learningRate, sums.Images / Math.Max(seconds, 1e-9), seconds));
                    observer.OnEpoch(curve[^1]);
                    sums = new EpochSums();
                }
                if (endOfEpoch || clock.Elapsed - lastCheckpoint >= CheckpointInterval)
                {
                    var (nextEpoch, nextStep) = endOfEpoch ? (epoch + 1, 0) : (epoch, step + 1);
                    observer.OnCheckpoint(Snapshot(model, optimizer, nextEpoch, nextStep, sums with { Seconds = sums.Seconds + (endOfEpoch ? 0 : epochClock.Elapsed.TotalSeconds) }, curve));
                    lastCheckpoint = clock.Elapsed;
                }
            }
        }
        model.eval();
        return new TrainingResult(model, curve, imagesThisRun / Math.Max(clock.Elapsed.TotalSeconds, 1e-9));
    }

    /// <summary>The recipe's loss on one batch, back-propagated into the weights' gradients.</summary>
    private (double Loss, long Correct) LossAndGradients(nn.Module<Tensor, Tensor> model, ReadOnlySpan<int> indices, double epsilon, long globalStep)
    {
        using var scope = NewDisposeScope();
        var seed = StepSeed(Seed, globalStep);
        torch.manual_seed(seed);
        var random = new Random(unchecked((int)seed));
        var (clean, labels) = data.Batch(indices, device);
        var images = Augmentation.Apply(clean, random);

        Tensor loss;
        Tensor logits;
        switch (plan.Recipe)
        {
            case RecipeKind.Undefended or RecipeKind.LabelDp when plan.Mixup:
                model.train();
                (loss, logits) = MixupLoss(model, images, labels, random);
                break;
            case RecipeKind.Undefended or RecipeKind.LabelDp:
            case RecipeKind.AdversarialPgd or RecipeKind.Trades when epsilon <= 0:
                // Clean training (label-DP's labels are the released ones), and the clean epochs of an
                // adversarial recipe: plain cross-entropy, no attack to pay for.
                model.train();
                logits = model.forward(images);
                loss = nn.functional.cross_entropy(logits, labels);
                break;
            case RecipeKind.AdversarialPgd:
                model.eval();
                var adversarial = TrainingAttacks.Pgd(model.forward, images, labels, epsilon, plan.AttackSteps, StepSize(epsilon));
                model.train();
                logits = model.forward(adversarial);
                loss = nn.functional.cross_entropy(logits, labels);
                break;
            case RecipeKind.Trades:
                model.eval();
                var perturbed = TrainingAttacks.TradesKl(model.forward, images, epsilon, plan.AttackSteps, StepSize(epsilon));
                model.train();
                logits = model.forward(images);
                var robustness = TrainingAttacks.Divergence(nn.functional.log_softmax(model.forward(perturbed), 1), nn.functional.softmax(logits, 1));
                loss = nn.functional.cross_entropy(logits, labels) + plan.TradesBeta * robustness;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(plan), plan.Recipe, "unknown recipe");
        }
        loss.backward();
        var value = loss.item<float>();
        if (!float.IsFinite(value))
            throw new ArithmeticException($"the training loss became {value} at step {globalStep + 1}; lower the learning rate.");
        return (value, logits.detach().argmax(1).eq(labels).sum().item<long>());
    }

    /// <summary>
    /// Mixup (Zhang et al. 2018) with lambda ~ U(0,1), that is Beta(1,1): each image blended with a
    /// shuffled partner, the loss blended the same way between their labels. It damps what a network
    /// learns from any single (possibly flipped) label.
    /// </summary>
    private static (Tensor Loss, Tensor Logits) MixupLoss(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels, Random random)
    {
        var lambda = random.NextDouble();
        var partner = torch.randperm(images.shape[0], device: images.device);
        var mixed = images.mul(lambda).add_(images.index_select(0, partner).mul_(1 - lambda));
        var logits = model.forward(mixed);
        var loss = nn.functional.cross_entropy(logits, labels).mul(lambda)
            .add_(nn.functional.cross_entropy(logits, labels.index_select(0, partner)).mul_(1 - lambda));
        return (loss, logits);
    }

    // The step size scales with the warm-up's radius so every epoch takes the same number of steps across the ball.
    private double StepSize(double epsilon) => epsilon <= 0 ? 0 : plan.AttackStepSize * epsilon / plan.Epsilon;

    private TrainingCheckpoint Snapshot(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, int epoch, int step, EpochSums sums, List<EpochMetrics> curve)
    {
        using var modelState = new MemoryStream();
        model.save(modelState);
        using var optimizerState = new MemoryStream();
        using (var writer = new BinaryWriter(optimizerState, System.Text.Encoding.UTF8, leaveOpen: true))
            ((OptimizerHelper)optimizer).save_state_dict(writer);
        return new TrainingCheckpoint
        {
            Plan = plan,
            Epoch = epoch,
            Step = step,
            EpochLossSum = sums.Loss,
            EpochCorrect = sums.Correct,
            EpochImages = sums.Images,
            EpochSeconds = sums.Seconds,
            Curve = [.. curve],
            Stage = Stage,
            Release = Release,
            ModelState = modelState.ToArray(),
            OptimizerState = optimizerState.ToArray(),
        };
    }

    private static void Restore(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, TrainingCheckpoint checkpoint)
    {
        using (var modelState = new MemoryStream(checkpoint.ModelState))
            model.load(modelState);
        using var optimizerState = new MemoryStream(checkpoint.OptimizerState);
        using var reader = new BinaryReader(optimizerState);
        ((OptimizerHelper)optimizer).load_state_dict(reader);
    }

    /// <summary>A seed for one step (or, with a negative step, one epoch's shuffle), mixed so neighbours differ in every bit.</summary>
    internal static long StepSeed(long seed, long step)
    {
        var x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)step);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return (long)((x ^ (x >> 31)) & 0x7FFFFFFFFFFFL);
    }

    private record struct EpochSums(double Loss, long Correct, long Images, double Seconds);
}
