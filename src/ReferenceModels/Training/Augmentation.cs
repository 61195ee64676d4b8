using Contest.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Contest.ReferenceModels.Training;

/// <summary>
/// What a picture of a bird or a bicycle survives, applied to a training batch: mirroring (per
/// image), a shift of up to 24 px, rescaling by 0.85-1.16 around the centre, and a permutation of the
/// colour channels (the class never depends on colour). Draws come from libtorch's generator (seeded
/// per step by the trainer) and from the step's own <see cref="Random"/>.
/// </summary>
internal static class Augmentation
{
    public static Tensor Apply(Tensor x, Random random)
    {
        using var scope = NewDisposeScope();
        var side = (int)x.shape[3];
        var flip = rand(x.shape[0], device: x.device) < 0.5;
        x = where(flip.view(-1, 1, 1, 1), x.flip(3), x);
        x = x.roll([random.Next(-24, 25), random.Next(-24, 25)], [2, 3]);
        var channels = new long[] { 0, 1, 2 };
        random.Shuffle(channels);
        x = x.index_select(1, tensor(channels, device: x.device));
        var size = random.Next(190, 260);
        var scaled = nn.functional.interpolate(x, [size, size], mode: InterpolationMode.Bilinear, align_corners: false);
        Tensor result;
        if (size >= side)
        {
            var offset = (size - side) / 2;
            result = scaled[.., .., offset..(offset + side), offset..(offset + side)];
        }
        else
        {
            var before = (side - size) / 2;
            var after = side - size - before;
            result = nn.functional.pad(scaled, [before, after, before, after], PaddingModes.Replicate);
        }
        return result.contiguous().MoveToOuterDisposeScope();
    }
}
