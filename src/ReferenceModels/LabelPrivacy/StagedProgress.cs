using Contest.Core.Training;
using Contest.ReferenceModels.Training;

namespace Contest.ReferenceModels.LabelPrivacy;

/// <summary>
/// Reports a multi-stage run as one: epochs numbered across stages and steps counted against the
/// whole run (stages train on growing sets, so each has its own number of steps).
/// </summary>
internal sealed class StagedProgress(ITrainingObserver observer, TrainingPlan plan, int[][] parts)
{
    private readonly long[] _stepsBefore = StepsBefore(plan, parts);

    public ITrainingObserver For(int stage) => new Stage(this, stage);

    private long TotalSteps => _stepsBefore[^1];

    private static long[] StepsBefore(TrainingPlan plan, int[][] parts)
    {
        var before = new long[parts.Length + 1];
        var images = 0;
        for (var s = 0; s < parts.Length; s++)
        {
            images += parts[s].Length;
            // As the trainer counts them: a last batch too small for batch-norm statistics is dropped.
            var perEpoch = images / plan.BatchSize + (images % plan.BatchSize >= 2 ? 1 : 0);
            before[s + 1] = before[s] + (long)perEpoch * plan.Epochs;
        }
        return before;
    }

    private sealed class Stage(StagedProgress run, int stage) : ITrainingObserver
    {
        private readonly int _epochOffset = stage * run.Epochs;

        public void OnStep(TrainingStep step)
        {
            var done = run._stepsBefore[stage] + step.StepsDone;
            var secondsPerStep = step.TotalSteps > step.StepsDone ? step.EtaSeconds / (step.TotalSteps - step.StepsDone) : 0;
            var eta = secondsPerStep > 0 ? secondsPerStep * (run.TotalSteps - done) : step.EtaSeconds;
            run.Observer.OnStep(step with
            {
                Epoch = step.Epoch + _epochOffset,
                Epochs = run.Epochs * run.Stages,
                StepsDone = done,
                TotalSteps = run.TotalSteps,
                EtaSeconds = eta,
            });
        }

        public void OnEpoch(EpochMetrics metrics) => run.Observer.OnEpoch(metrics with { Epoch = metrics.Epoch + _epochOffset });

        public void OnCheckpoint(TrainingCheckpoint checkpoint) => run.Observer.OnCheckpoint(checkpoint);
    }

    private ITrainingObserver Observer => observer;

    private int Epochs => plan.Epochs;

    private int Stages => plan.Stages;
}
