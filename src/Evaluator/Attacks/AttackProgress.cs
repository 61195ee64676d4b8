namespace Contest.Evaluator.Attacks;

/// <summary>Where a running attack stands.</summary>
/// <param name="ImagesDone">Input images whose adversarial version is final.</param>
/// <param name="ImagesTotal">Input images in the run.</param>
/// <param name="ForwardImages">Images the defense has scored so far (with or without gradients), for forward images/s.</param>
public readonly record struct AttackProgress(int ImagesDone, int ImagesTotal, long ForwardImages);
