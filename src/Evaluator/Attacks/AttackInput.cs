using Contest.Core.Rules;
using Contest.Evaluator.Runtime;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks;

/// <summary>What an attack works on. Every tensor must already be on <see cref="IDefenseModel.Device"/>.</summary>
public sealed class AttackInput
{
    /// <summary>Clean images, float32 [N,3,224,224] in [0,1].</summary>
    public required Tensor Images { get; init; }

    /// <summary>True labels, int64 [N]: 0 bicycle, 1 bird.</summary>
    public required Tensor Labels { get; init; }

    /// <summary>The defense under attack.</summary>
    public required IDefenseModel Model { get; init; }

    /// <summary>Seeds every random choice of the attack: the same seed, inputs and device give the same result.</summary>
    public ulong Seed { get; init; }

    /// <summary>Receives progress as the attack goes; called on the attack's thread.</summary>
    public IProgress<AttackProgress>? Progress { get; init; }

    /// <summary>
    /// Where the boundary attack draws its starting images (a random image of the other class);
    /// null means the input images themselves, as the original drew from the test set it attacked.
    /// </summary>
    public LabelledImages? StartingPool { get; init; }

    /// <summary>The most images sent to the defense in one forward call.</summary>
    public int ForwardBatchSize { get; init; } = 128;

    /// <summary>Throws when the tensors do not follow the defense contract.</summary>
    public void Validate()
    {
        if (Images.ndim != 4 || Images.shape[0] < 1 || Images.shape[1] != ImageSpec.Channels || Images.shape[2] != ImageSpec.Side || Images.shape[3] != ImageSpec.Side)
            throw new ArgumentException($"images must be [N,{ImageSpec.Channels},{ImageSpec.Side},{ImageSpec.Side}] with N >= 1, got [{string.Join(",", Images.shape)}]");
        if (Images.dtype != ScalarType.Float32)
            throw new ArgumentException($"images must be float32, got {Images.dtype}");
        if (Labels.ndim != 1 || Labels.shape[0] != Images.shape[0] || Labels.dtype != ScalarType.Int64)
            throw new ArgumentException($"labels must be int64 [{Images.shape[0]}], got {Labels.dtype} [{string.Join(",", Labels.shape)}]");
        if (!SameDevice(Images.device, Model.Device) || !SameDevice(Labels.device, Model.Device))
            throw new ArgumentException($"images and labels must be on the defense's device {Model.Device}");
        if (ForwardBatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(ForwardBatchSize), ForwardBatchSize, "must be at least 1");
        if (StartingPool is { } pool && (!SameDevice(pool.Images.device, Model.Device) || !SameDevice(pool.Labels.device, Model.Device)))
            throw new ArgumentException($"the starting pool must be on the defense's device {Model.Device}");
    }

    // An index of -1 means the default device of that type, which is device 0.
    private static bool SameDevice(Device a, Device b) => a.type == b.type && Math.Max(a.index, 0) == Math.Max(b.index, 0);
}
