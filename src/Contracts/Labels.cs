using Contest.Contracts.V1;
using Contest.Core;

namespace Contest.Contracts;

/// <summary>The API's <see cref="Label"/> and the core's <see cref="ClassLabel"/>, one for the other.</summary>
public static class Labels
{
    /// <summary>The core class of an API label.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The label is unspecified.</exception>
    public static ClassLabel ToClassLabel(this Label label) => label switch
    {
        Label.Bicycle => ClassLabel.Bicycle,
        Label.Bird => ClassLabel.Bird,
        _ => throw new ArgumentOutOfRangeException(nameof(label), label, "a label must be bird or bicycle"),
    };

    /// <summary>The API label of a core class.</summary>
    public static Label ToLabel(this ClassLabel label) => label == ClassLabel.Bird ? Label.Bird : Label.Bicycle;

    /// <summary>The logit column of a label: 0 for bicycle, 1 for bird.</summary>
    public static int ColumnOf(this Label label) => (int)label.ToClassLabel();
}
