using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Internal;

/// <summary>
/// Images at uint8 precision, held as float64 tensors of whole numbers 0..255 so that the PIL, numpy
/// and OpenCV arithmetic the original ran on uint8 arrays can be reproduced exactly on any device.
/// </summary>
internal static class ByteImages
{
    /// <summary>
    /// [0,1] float images to whole numbers 0..255, rounding to nearest. (The original truncated
    /// x*255, which turns some k/255 float32 values into k-1; rounding keeps the pixel.)
    /// </summary>
    public static Tensor FromUnit(Tensor images) => images.to(ScalarType.Float64).mul(255.0).round_().clamp_(0, 255);

    /// <summary>Whole numbers 0..255 back to float32 [0,1].</summary>
    public static Tensor ToUnit(Tensor bytes) => bytes.div(255.0).to(ScalarType.Float32);

    /// <summary>
    /// numpy's <c>np.uint8(np.clip(x, 0, 1) * 255)</c> on float64 values in [0,1]: clip, scale, truncate.
    /// </summary>
    public static Tensor TruncateUnit(Tensor unit) => unit.clamp(0.0, 1.0).mul_(255.0).floor_();
}
