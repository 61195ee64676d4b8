using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary><c>saturate</c>: HSV saturation * 0.3 + 0, clipped, back to RGB.</summary>
internal sealed class Saturate : ICorruption
{
    private const double Factor = 0.3;
    private const double Shift = 0;

    public string Name => "saturate";

    public Tensor Apply(Tensor bytes, RandomSource random)
    {
        using var scope = NewDisposeScope();
        var hsv = Hsv.FromRgb(bytes / 255.0);
        hsv[.., 1] = hsv[.., 1].mul(Factor).add_(Shift).clamp_(0, 1);
        return ByteImages.TruncateUnit(Hsv.ToRgb(hsv)).MoveToOuterDisposeScope();
    }
}
