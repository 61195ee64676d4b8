using Contest.Core.Rules;
using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary><c>pixelate</c>: PIL box resize to int(224 * 0.6) = 134 pixels and back to 224.</summary>
internal sealed class Pixelate : ICorruption
{
    private const double Factor = 0.6;

    public string Name => "pixelate";

    public Tensor Apply(Tensor bytes, RandomSource random)
    {
        using var scope = NewDisposeScope();
        var (height, width) = ((int)bytes.shape[2], (int)bytes.shape[3]);
        var small = (int)(ImageSpec.Side * Factor);
        var down = PilResize.Apply(bytes, small, small, PilFilter.Box);
        return PilResize.Apply(down, height, width, PilFilter.Box).MoveToOuterDisposeScope();
    }
}
