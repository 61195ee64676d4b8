using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary><c>brightness</c>: HSV value + 0.1, clipped, back to RGB.</summary>
internal sealed class Brightness : ICorruption
{
    private const double Shift = 0.1;

    public string Name => "brightness";

    public Tensor Apply(Tensor bytes, RandomSource random)
    {
        using var scope = NewDisposeScope();
        var hsv = Hsv.FromRgb(bytes / 255.0);
        hsv[.., 2] = hsv[.., 2].add(Shift).clamp_(0, 1);
        return ByteImages.TruncateUnit(Hsv.ToRgb(hsv)).MoveToOuterDisposeScope();
    }
}
