using System.Diagnostics;
using System.Globalization;
using Contest.Contracts;
using Contest.Core.Training;
using Contest.Evaluator.Data;
using Contest.ReferenceModels.LabelPrivacy;
using Contest.ReferenceModels.Training;
using static TorchSharp.torch;

namespace Contest.Evaluator.Analyses.LabelDp;

/// <summary>
/// The label-DP sweep's training runs: for each epsilon, LP-1ST and LP-2ST (one per seed), and the
/// non-private baseline on true labels for infinity, each on the same training images and scored on
/// the whole test split. Runs go in a fixed order; finished ones are skipped, so a resumed sweep
/// continues where it stopped.
/// </summary>
internal sealed class LabelDpSweep(LabelDpSweepSettings settings, TrainingSet train, TrainingSet test, Device device, IPhaseProgress progress)
{
    public const string Phase = "label-dp sweep";

    /// <summary>Every run of the sweep, in the order they are trained.</summary>
    public IReadOnlyList<(double Epsilon, SweepMethod Method, long Seed)> Planned()
    {
        var planned = new List<(double, SweepMethod, long)>();
        foreach (var epsilon in settings.Epsilons)
        {
            SweepMethod[] methods = double.IsPositiveInfinity(epsilon) ? [SweepMethod.NonPrivate] : [SweepMethod.Lp1st, SweepMethod.Lp2st];
            foreach (var method in methods)
            {
                for (var i = 0; i < settings.Seeds; i++)
                    planned.Add((epsilon, method, settings.Base.Seed + i));
            }
        }
        return planned;
    }

    /// <summary>Trains the runs not in <paramref name="done"/>, calling <paramref name="finished"/> with all runs so far after each.</summary>
    public IReadOnlyList<SweepRun> Run(IReadOnlyList<SweepRun> done, Action<IReadOnlyList<SweepRun>> finished, CancellationToken cancellationToken)
    {
        var planned = Planned();
        var runs = done.Where(r => planned.Contains((r.Epsilon, r.Method, r.Seed))).ToList();
        foreach (var (epsilon, method, seed) in planned)
        {
            if (runs.Any(r => r.Epsilon.Equals(epsilon) && r.Method == method && r.Seed == seed))
                continue;
            var name = $"{Words(method)} eps {LabelDpSweepSettings.Format(epsilon)} seed {seed}";
            var observer = new RunProgress(progress, runs.Count, planned.Count, name);
            var clock = Stopwatch.StartNew();
            var plan = settings.PlanFor(epsilon, method == SweepMethod.Lp2st ? 2 : 1, seed);
            TrainingResult result;
            var release = StageRelease.None;
            if (method == SweepMethod.NonPrivate)
                result = new Trainer(plan, train, device, observer).Run(null, cancellationToken);
            else
            {
                var labelDp = new MultiStageTrainer(plan, train, device, observer).Run(null, cancellationToken);
                result = labelDp.Training;
                release = labelDp.Release.Total;
            }
            using (result.Model)
            {
                var accuracy = TestAccuracy.Of(result.Model, test, device);
                runs.Add(new SweepRun(epsilon, method, seed, accuracy, release, clock.Elapsed.TotalSeconds));
            }
            finished(runs);
        }
        progress.Report(Phase, runs.Count, planned.Count, 0, $"all {planned.Count} runs trained");
        return runs;
    }

    public static string Words(SweepMethod method) => method switch
    {
        SweepMethod.Lp1st => "LP-1ST",
        SweepMethod.Lp2st => "LP-2ST",
        _ => "non-private",
    };

    /// <summary>A run's steps as the job's progress: which run of how many, and where in it.</summary>
    private sealed class RunProgress(IPhaseProgress progress, int runsDone, int runs, string name) : ITrainingObserver
    {
        public void OnStep(TrainingStep step) => progress.Report(Phase, runsDone, runs, 0, string.Create(CultureInfo.InvariantCulture,
            $"run {runsDone + 1}/{runs} ({name}): epoch {step.Epoch}/{step.Epochs} loss {step.Loss:0.000} acc {step.Accuracy:P1} {step.ImagesPerSecond:0} img/s"));

        public void OnEpoch(EpochMetrics metrics)
        {
        }

        // A run takes a minute or so: the sweep stores finished runs, not the inside of one.
        public void OnCheckpoint(TrainingCheckpoint checkpoint)
        {
        }
    }
}
