using Contest.Contracts.V1;
using Contest.ReferenceModels.LabelPrivacy;

namespace Contest.Evaluator.Jobs.Kinds;

/// <summary>What a label-DP model's record says about its label release, beside the theory.</summary>
internal static class LabelReleaseMetrics
{
    public static void AddTo(ReferenceModel reference, StageRelease total, double epsilon)
    {
        reference.Metrics["train_label_noise_rate"] = total.NoiseRate;
        reference.Metrics["train_label_flip_rate"] = total.FlipRate;
        reference.Metrics["train_label_flip_rate_theory"] = TwoClassLabelPrivacy.FlipProbability(epsilon);
        reference.Metrics["train_labels_decided_by_prior"] = total.DecidedByPriorFraction;
        reference.Parameters["labels_released"] =
            $"{total.Drawn}: {total.Randomized} by randomized response ({total.RandomizedFlipped} flipped), {total.DecidedByPrior} by the prior ({total.PriorWrong} wrong)";
    }
}
