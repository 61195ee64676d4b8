using Contest.Core.Training;
using Contest.ReferenceModels.Training;
using static TorchSharp.torch;

namespace Contest.ReferenceModels.LabelPrivacy;

/// <summary>What a label-DP run leaves: the trained network and its curve (epochs numbered across stages), and the release.</summary>
public sealed record LabelDpResult(TrainingResult Training, LabelRelease Release);

/// <summary>
/// LP-MST (Ghazi et al. 2021): the images are split into one part per stage independently of their
/// labels; stage s releases the labels of part s (plain randomized response in stage 1, or with the
/// previous stage's model as the prior) and trains, warm-started from the previous stage, on every
/// label released so far. Each true label is read once (<see cref="OneTimeLabels"/>), so the whole
/// run is epsilon-label-DP. <see cref="TrainingPlan.Epochs"/> are per stage; each stage has its own
/// cosine schedule. Checkpoints carry the release, so a resumed run continues exactly.
/// </summary>
public sealed class MultiStageTrainer(TrainingPlan plan, TrainingSet data, Device device, ITrainingObserver observer)
{
    private const int PriorBatchSize = 64;

    /// <inheritdoc cref="Trainer.CheckpointInterval"/>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <exception cref="ArgumentException">The plan is not a valid label-DP plan, or the checkpoint belongs to another run.</exception>
    public LabelDpResult Run(TrainingCheckpoint? resume, CancellationToken cancellationToken)
    {
        if (plan.Recipe != RecipeKind.LabelDp)
            throw new ArgumentException($"a multi-stage label-DP run needs the label_dp recipe, not {RecipeNames.Of(plan.Recipe)}.");
        plan.Validate();
        var parts = StageParts.Split(data.Count, plan.Stages, plan.FirstPartFraction, plan.Seed);
        var release = resume?.Release ?? LabelRelease.None(data.Count);
        if (release.Labels.Length != data.Count || resume is not null && resume.Stage >= plan.Stages)
            throw new ArgumentException("the checkpoint belongs to a label-DP run on other data or with other stages.");
        var trueLabels = new OneTimeLabels(data);
        var progress = new StagedProgress(observer, plan, parts);
        var firstStage = resume?.Stage ?? 0;

        TrainingResult? previous = null;
        for (var stage = firstStage; stage < plan.Stages; stage++)
        {
            var resumeHere = stage == firstStage ? resume : null;
            if (resumeHere is null)
                release = Release(stage, parts[stage], previous?.Model, release, trueLabels);
            var seen = parts.Take(stage + 1).SelectMany(p => p).ToArray();
            var trainer = new Trainer(plan, data.Subset(seen, [.. seen.Select(i => release.Labels[i])]), device, progress.For(stage))
            {
                Stage = stage,
                WarmStart = previous is null ? null : StateOf(previous.Model),
                Release = release,
                CheckpointInterval = CheckpointInterval,
            };
            var result = trainer.Run(resumeHere, cancellationToken);
            previous?.Model.Dispose();
            previous = result;
            release = release with { EarlierCurve = [.. release.EarlierCurve, .. result.Curve.Select(e => e with { Epoch = e.Epoch + stage * plan.Epochs })] };
        }
        return new LabelDpResult(previous! with { Curve = release.EarlierCurve }, release);
    }

    /// <summary>Releases the labels of one stage's part; the only place a true label is read.</summary>
    private LabelRelease Release(int stage, int[] part, nn.Module<Tensor, Tensor>? previousModel, LabelRelease release, OneTimeLabels trueLabels)
    {
        var priors = previousModel is not null && plan.Mechanism == LabelMechanism.RrWithPrior ? PriorOfBird(previousModel, part) : null;
        var random = new Random(unchecked((int)Trainer.StepSeed(plan.Seed, long.MinValue / 4 + stage)));
        var labels = (long[])release.Labels.Clone();
        int decided = 0, priorWrong = 0, randomized = 0, flipped = 0;
        Span<double> prior = stackalloc double[2];
        for (var j = 0; j < part.Length; j++)
        {
            var truth = trueLabels.Take(part[j]);
            LabelDraw draw;
            if (priors is null)
                draw = new LabelDraw(RandomizedResponse.Draw(truth, 2, plan.LabelEpsilon, random), 2);
            else
            {
                prior[0] = 1 - priors[j];
                prior[1] = priors[j];
                draw = RrWithPrior.Draw(truth, prior, plan.LabelEpsilon, random);
            }
            labels[part[j]] = draw.Label;
            if (draw.K == 1)
            {
                decided++;
                priorWrong += draw.Label != truth ? 1 : 0;
            }
            else
            {
                randomized++;
                flipped += draw.Label != truth ? 1 : 0;
            }
        }
        return release with
        {
            Labels = labels,
            Stages = [.. release.Stages, new StageRelease(stage, part.Length, decided, priorWrong, randomized, flipped)],
        };
    }

    /// <summary>The previous stage's prior for each image of the part: P(bird) = softmax(logits / t)[1].</summary>
    private double[] PriorOfBird(nn.Module<Tensor, Tensor> model, int[] part)
    {
        model.eval();
        var result = new double[part.Length];
        using var noGrad = no_grad();
        // Placeholder labels: a batch carries labels, and the true ones must not be read here.
        var unlabelled = data.Subset(part, new long[part.Length]);
        var positions = Enumerable.Range(0, part.Length).ToArray();
        for (var start = 0; start < part.Length; start += PriorBatchSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(PriorBatchSize, part.Length - start);
            var (images, _) = unlabelled.Batch(positions.AsSpan(start, count), device);
            var probabilities = nn.functional.softmax(model.forward(images).div(plan.PriorTemperature), 1).select(1, 1)
                .to(ScalarType.Float64).cpu().data<double>().ToArray();
            probabilities.CopyTo(result, start);
        }
        return result;
    }

    private static byte[] StateOf(nn.Module<Tensor, Tensor> model)
    {
        using var state = new MemoryStream();
        model.save(state);
        return state.ToArray();
    }
}
