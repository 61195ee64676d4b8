using Contest.Core.Training;
namespace Contest.ReferenceModels.Training;

/// <summary>One epoch of a training run, as the model's training curve shows it.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="Loss">Mean training loss over the epoch.</param>
/// <param name="Accuracy">Accuracy on the images the loss was taken on (the adversarial ones for PGD training).</param>
/// <param name="Epsilon">The training attack's radius in this epoch (0 without one).</param>
public sealed record EpochMetrics(int Epoch, double Loss, double Accuracy, double Epsilon, double LearningRate, double ImagesPerSecond, double Seconds);

/// <summary>Where a run stands after a step.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="Step">Steps done in this epoch.</param>
/// <param name="Loss">Mean loss of the epoch so far.</param>
/// <param name="Accuracy">Accuracy of the epoch so far.</param>
/// <param name="ImagesPerSecond">Training images per second since the run (or its resumption) began.</param>
/// <param name="EtaSeconds">Time left at that rate.</param>
public sealed record TrainingStep(
    int Epoch, int Epochs, int Step, int StepsPerEpoch, long StepsDone, long TotalSteps, double Loss, double Accuracy,
    double ImagesPerSecond, double EtaSeconds);

/// <summary>What a training run reports as it goes. Called on the training thread.</summary>
public interface ITrainingObserver
{
    void OnStep(TrainingStep step);

    void OnEpoch(EpochMetrics metrics);

    /// <summary>A resumable state; the observer stores it where a later attempt finds it.</summary>
    void OnCheckpoint(TrainingCheckpoint checkpoint);
}
