using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks;

/// <summary>Images with their true labels, on the defense's device.</summary>
/// <param name="Images">float32 [N,3,224,224] in [0,1].</param>
/// <param name="Labels">int64 [N]: 0 bicycle, 1 bird.</param>
public sealed record LabelledImages(Tensor Images, Tensor Labels);
