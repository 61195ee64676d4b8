namespace Contest.Core.Training;

/// <summary>
/// The architectures the server can train, by the name stored with their weights, and the version
/// of each one's code (a version changes whenever old weights would mean something else under it).
/// </summary>
public static class ArchitectureNames
{
    /// <summary>The test suites' small strided CNN.</summary>
    public const string SmallCnnName = "small_cnn";

    /// <summary>The CPU-sized ResNet: one basic block per stage, a pooled stem, the trunk at 56x56.</summary>
    public const string ResNetSmallName = "resnet_small";

    /// <summary>torchvision's ResNet-18 with a two-class head.</summary>
    public const string ResNet18Name = "resnet18";

    /// <summary>Each architecture's code version.</summary>
    public static IReadOnlyDictionary<string, int> Versions { get; } = new Dictionary<string, int>
    {
        [SmallCnnName] = 1,
        [ResNetSmallName] = 1,
        [ResNet18Name] = 1,
    };

    /// <summary>Every known architecture name.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Versions.Keys];
}
