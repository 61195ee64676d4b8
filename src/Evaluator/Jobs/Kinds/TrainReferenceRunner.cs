using System.Globalization;
using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Core.Training;
using Contest.Evaluator.Reports;
using Contest.ReferenceModels.LabelPrivacy;
using Contest.ReferenceModels.Training;

namespace Contest.Evaluator.Jobs.Kinds;

/// <summary>
/// Trains a reference model by the plan its request means (<see cref="TrainingRequests.ToPlan"/>) on
/// the labelled images the server lists for the job (train plus the plan's share of extras), resuming
/// from the checkpoint an earlier attempt left. Progress goes to the host as it happens; checkpoints
/// go to <see cref="JobDirectory.CheckpointPath"/>, which the host uploads. The result names the model
/// (native format), its safetensors twin and the training curve, all uploaded as artifacts.
/// </summary>
internal sealed class TrainReferenceRunner : IJobKindRunner
{
    public const string Phase = "training";
    public const string ModelArtifact = "model.ctn";
    public const string SafetensorsArtifact = "model.safetensors";
    public const string CurveArtifact = "training-curve.png";
    public const string CurveCsvArtifact = "training-curve.csv";

    public JobKind Kind => JobKind.TrainReference;

    public CompleteJobRequest Run(JobContext context)
    {
        TrainingPlan plan;
        try
        {
            plan = TrainingRequests.ToPlan(context.Spec.Train ?? new TrainReferenceModelRequest());
        }
        catch (ArgumentException e)
        {
            throw new JobFailedException(new JobFailure($"the training request cannot run: {e.Message}", Retryable: false));
        }
        var images = context.Inputs.Images;
        if (images.Count == 0)
            throw new JobFailedException(new JobFailure("the server listed no training images for this job.", Retryable: true));

        context.Progress.Report("loading training images", 0, images.Count);
        var data = TrainingSetLoader.Load([.. images.Select(i => new TrainingImage(i.Path, i.Label.ColumnOf()))], context.Cancellation);
        var resume = ResumePoint(context, plan);
        var observer = new Observer(context);
        TrainingResult result;
        LabelRelease? release = null;
        if (plan.Recipe == RecipeKind.LabelDp)
            (result, release) = new MultiStageTrainer(plan, data, context.Device, observer).Run(resume, context.Cancellation);
        else
            result = new Trainer(plan, data, context.Device, observer).Run(resume, context.Cancellation);
        using var model = result.Model;

        var artifacts = context.Directory.ArtifactsPath;
        TrainedModelFiles.WriteNative(Path.Combine(artifacts, ModelArtifact), model, plan);
        TrainedModelFiles.WriteSafetensors(Path.Combine(artifacts, SafetensorsArtifact), model, plan);
        var title = $"{RecipeNames.Of(plan.Recipe)} ({plan.Profile.ToString().ToLowerInvariant()}, {plan.Architecture}, seed {plan.Seed})";
        TrainingCurvePlot.SavePng(Path.Combine(artifacts, CurveArtifact), result.Curve, title);
        TrainingCurvePlot.SaveCsv(Path.Combine(artifacts, CurveCsvArtifact), result.Curve);

        var reference = new ReferenceModel { Seed = plan.Seed };
        foreach (var (name, value) in plan.Describe())
            reference.Parameters[name] = value;
        reference.Parameters["device"] = context.Device.ToString();
        reference.Parameters["training_images"] = data.Count.ToString(CultureInfo.InvariantCulture);
        if (resume is not null)
            reference.Parameters["resumed_from"] = $"epoch {resume.Epoch + 1}, step {resume.Step + 1}";
        var last = result.Curve[^1];
        reference.Metrics["train_loss"] = last.Loss;
        reference.Metrics["train_accuracy"] = last.Accuracy;
        reference.Metrics["train_images_per_second"] = result.ImagesPerSecond;
        reference.Metrics["train_seconds"] = result.Curve.Sum(e => e.Seconds);
        if (release is not null)
            LabelReleaseMetrics.AddTo(reference, release.Total, plan.LabelEpsilon);
        reference.Curve.AddRange(result.Curve.Select(e => new TrainingEpoch
        {
            Epoch = e.Epoch,
            Loss = e.Loss,
            Accuracy = e.Accuracy,
            Epsilon = e.Epsilon,
            LearningRate = e.LearningRate,
            ImagesPerSecond = e.ImagesPerSecond,
            Seconds = e.Seconds,
        }));
        return new CompleteJobRequest
        {
            Reference = new ReferenceOutcome
            {
                Model = reference,
                ModelArtifact = ModelArtifact,
                Format = ModelFormat.Native,
                SafetensorsArtifact = SafetensorsArtifact,
                CurveArtifact = CurveArtifact,
            },
        };
    }

    /// <summary>The earlier attempt's checkpoint when it belongs to this plan; otherwise training starts over (and says so).</summary>
    private static TrainingCheckpoint? ResumePoint(JobContext context, TrainingPlan plan)
    {
        if (context.Inputs.CheckpointPath is not { } path)
            return null;
        try
        {
            var checkpoint = TrainingCheckpoint.Read(path);
            if (checkpoint.Plan == plan)
                return checkpoint;
            context.Progress.Report(Phase, 0, 0, message: "the earlier attempt's checkpoint belongs to another plan; starting over");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Text.Json.JsonException)
        {
            context.Progress.Report(Phase, 0, 0, message: $"the earlier attempt's checkpoint is unreadable ({e.Message}); starting over");
        }
        return null;
    }

    private sealed class Observer(JobContext context) : ITrainingObserver
    {
        public void OnStep(TrainingStep step) => context.Progress.Report(Phase, step.StepsDone, step.TotalSteps, 0,
            string.Create(CultureInfo.InvariantCulture,
                $"epoch {step.Epoch}/{step.Epochs} step {step.Step}/{step.StepsPerEpoch} loss {step.Loss:0.000} acc {step.Accuracy:P1} {step.ImagesPerSecond:0.0} img/s ETA {Eta(step.EtaSeconds)}"));

        public void OnEpoch(EpochMetrics metrics)
        {
        }

        public void OnCheckpoint(TrainingCheckpoint checkpoint)
        {
            var path = context.Directory.CheckpointPath;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            checkpoint.Save(path);
        }

        private static string Eta(double seconds) =>
            seconds >= 3600 ? $"{seconds / 3600:0.0} h" : seconds >= 60 ? $"{seconds / 60:0} min" : $"{seconds:0} s";
    }
}
