namespace Contest.Core.Rules;

/// <summary>
/// The threshold a defense abstains below on contest images: the one calibrated on the hidden
/// eligibility split, or the threshold its team declared at upload when that is higher (a defense may
/// choose to abstain more, never less). Never NaN: a threshold that is not a number (a record judged
/// before non-finite logits were refused) abstains on everything.
/// </summary>
public static class AbstainThreshold
{
    /// <summary>The threshold in force for a defense.</summary>
    /// <param name="calibrated">Fixed by the eligibility run.</param>
    /// <param name="declared">Declared by the defender at upload, if any.</param>
    public static float Effective(float calibrated, float? declared)
    {
        if (float.IsNaN(calibrated))
            calibrated = float.MaxValue;
        return declared is { } value && !float.IsNaN(value) && value > calibrated ? value : calibrated;
    }
}
