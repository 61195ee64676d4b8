using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Evaluator.Analyses.LabelDp;
using Contest.ReferenceModels.Training;

namespace Contest.Evaluator.Jobs.Kinds;

/// <summary>
/// The label-DP sweep as a job: reads its settings as the server checked them, loads the training
/// images (train and extras) and the test split the server listed, trains every run (continuing from
/// the runs an earlier attempt stored), and writes the plot and the runs' CSV as artifacts.
/// </summary>
internal static class LabelDpSweepRunner
{
    public static AnalysisResult Run(JobContext context, RunAnalysisRequest request)
    {
        LabelDpSweepSettings settings;
        try
        {
            settings = LabelDpSweepSettings.From(request.Parameters, request.Seed);
        }
        catch (ArgumentException e)
        {
            throw new JobFailedException(new JobFailure($"the label-DP sweep cannot run: {e.Message}", Retryable: false));
        }
        var images = context.Inputs.Images;
        var train = images.Where(i => i.Split is "train" or "extras").ToList();
        var test = images.Where(i => i.Split == "test").ToList();
        if (train.Count == 0 || test.Count == 0)
            throw new JobFailedException(new JobFailure(
                $"the server listed {train.Count} training and {test.Count} test images for this sweep; it needs both.", Retryable: true));

        context.Progress.Report("loading images", 0, images.Count);
        var trainSet = TrainingSetLoader.Load([.. train.Select(i => new TrainingImage(i.Path, i.Label.ColumnOf()))], context.Cancellation);
        var testSet = TrainingSetLoader.Load([.. test.Select(i => new TrainingImage(i.Path, i.Label.ColumnOf()))], context.Cancellation);

        // The stored runs are reused only for exactly these settings and images.
        var key = $"{string.Join(";", settings.Describe().Select(p => $"{p.Key}={p.Value}"))};seed={request.Seed};train={train.Count};test={test.Count};device={context.Device}";
        var done = SweepProgressFile.Load(context.Inputs.CheckpointPath, key);
        var sweep = new LabelDpSweep(settings, trainSet, testSet, context.Device, context.Progress);
        var runs = sweep.Run(done, all => SweepProgressFile.Save(context.Directory.CheckpointPath, key, all), context.Cancellation);

        var artifacts = context.Directory.ArtifactsPath;
        var title = $"Label-DP sweep on bird-or-bicycle ({train.Count} training images, {settings.Seeds} seeds)";
        LabelDpSweepPlot.SavePng(Path.Combine(artifacts, LabelDpSweepReport.PlotArtifact), SweepCell.Of(runs), title);
        File.WriteAllText(Path.Combine(artifacts, LabelDpSweepReport.RunsCsvArtifact), LabelDpSweepReport.RunsCsv(runs));
        return LabelDpSweepReport.Build(settings, runs, train.Count, test.Count, context.Device.ToString());
    }
}
