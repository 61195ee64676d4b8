using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Spatial;

/// <summary>
/// The spatial grid attack's first step, as the original ran it on PIL images: convert to uint8,
/// shrink with PIL's bilinear resize so that a border of <c>int(224 * fraction)</c> pixels fits on
/// every side, and pad that border with black.
/// </summary>
internal static class BlackBorder
{
    /// <summary>[N,3,H,W] float images in [0,1] to [N,3,H,W] whole-number float64 images with a black border.</summary>
    public static Tensor Apply(Tensor images, double fraction)
    {
        using var scope = NewDisposeScope();
        var height = (int)images.shape[2];
        var width = (int)images.shape[3];
        var padX = (int)(height * fraction);
        var padY = (int)(width * fraction);
        var bytes = ByteImages.FromUnit(images);
        if (padX == 0 && padY == 0)
            return bytes.MoveToOuterDisposeScope();
        var shrunk = PilResize.Apply(bytes, height - 2 * padY, width - 2 * padX, PilFilter.Bilinear);
        return nn.functional.pad(shrunk, [padX, padX, padY, padY]).MoveToOuterDisposeScope();
    }
}
