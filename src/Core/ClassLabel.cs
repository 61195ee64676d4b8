namespace Contest.Core;

/// <summary>
/// The two classes, with the column order of logits everywhere: index 0 = bicycle, index 1 = bird
/// (as the original dataset package defines BICYCLE_IDX and BIRD_IDX).
/// </summary>
public enum ClassLabel
{
    /// <summary>Logit column 0.</summary>
    Bicycle = 0,

    /// <summary>Logit column 1.</summary>
    Bird = 1,
}

/// <summary>Names for <see cref="ClassLabel"/>.</summary>
public static class ClassLabels
{
    /// <summary>The folder and command-line name of a class: "bicycle" or "bird".</summary>
    public static string Name(this ClassLabel label) => label == ClassLabel.Bird ? "bird" : "bicycle";
}
