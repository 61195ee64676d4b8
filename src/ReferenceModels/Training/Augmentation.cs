using TorchSharp;
using static TorchSharp.torch;

namespace Contest.ReferenceModels.Training;

/// <summary>
/// What a picture of a bird or a bicycle survives, applied to a training batch: a permutation of the
/// colour channels (the class never depends on colour), then per image a mirror, a zoom by 0.85-1.16
/// and a shift of up to 24 px, with the border pixels repeated where the picture moved away. Mirror,
/// zoom and shift are one affine resample (a single pass over the batch, not one copy per
/// transform: this is most of what the engine adds to a plain training loop). Draws come from
/// libtorch's generator (seeded per step by the trainer) and from the step's own <see cref="Random"/>.
/// </summary>
internal static class Augmentation
{
    public const double MinZoom = 0.85;
    public const double MaxZoom = 1.16;
    public const int MaxShiftPixels = 24;

    public static Tensor Apply(Tensor x, Random random)
    {
        using var scope = NewDisposeScope();
        var count = x.shape[0];
        var side = x.shape[3];
        var channels = new long[] { 0, 1, 2 };
        random.Shuffle(channels);
        x = x.index_select(1, tensor(channels, device: x.device));

        // theta maps output coordinates to input ones (both in [-1, 1]): zooming in by z reads 1/z of the picture.
        var mirror = 1 - (2 * (rand(count, device: x.device) < 0.5).to(ScalarType.Float32));
        var inverseZoom = 1 / (MinZoom + ((MaxZoom - MinZoom) * rand(count, device: x.device)));
        var shift = ((2 * rand(count, 2, device: x.device)) - 1) * (2.0 * MaxShiftPixels / side);
        var none = zeros(count, device: x.device);
        var theta = stack([mirror * inverseZoom, none, shift[.., 0], none, inverseZoom, shift[.., 1]], 1).view(count, 2, 3);
        var grid = nn.functional.affine_grid(theta, [count, x.shape[1], x.shape[2], side], align_corners: false);
        return nn.functional.grid_sample(x, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: false)
            .MoveToOuterDisposeScope();
    }
}
