using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks.Support;

/// <summary>
/// Uniform grey images, slightly brighter for birds and darker for bicycles, so that rotations,
/// translations and resizing leave the centre (what <see cref="PatchMeanModel"/> reads) unchanged.
/// </summary>
internal static class SyntheticImages
{
    /// <summary>[N,3,224,224] images and [N] labels alternating bicycle, bird.</summary>
    public static (Tensor Images, Tensor Labels) Alternating(int count, double offset = 0.03) =>
        Make(Enumerable.Range(0, count).Select(i => (long)(i % 2)).ToArray(), offset);

    /// <summary>[N,3,224,224] images all of one class.</summary>
    public static (Tensor Images, Tensor Labels) OfClass(int count, long label, double offset = 0.03) =>
        Make(Enumerable.Repeat(label, count).ToArray(), offset);

    private static (Tensor Images, Tensor Labels) Make(long[] labels, double offset)
    {
        // Each image its own shade, so that no two images are the same.
        var shades = labels.Select((l, i) => (float)(0.5 + (l == 1 ? 1 : -1) * (offset + 0.001 * i))).ToArray();
        var images = tensor(shades).reshape(-1, 1, 1, 1).expand(labels.Length, 3, 224, 224).contiguous();
        return (images, tensor(labels));
    }
}
