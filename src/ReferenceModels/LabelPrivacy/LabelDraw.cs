namespace Contest.ReferenceModels.LabelPrivacy;

/// <summary>
/// What one draw produced: the released (noisy) label and the size k of the candidate set used
/// (k = 1 means the prior decided the label alone, no randomness).
/// </summary>
public readonly record struct LabelDraw(int Label, int K);
