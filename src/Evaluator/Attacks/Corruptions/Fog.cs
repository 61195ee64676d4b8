using Contest.Evaluator.Attacks.Internal;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Corruptions;

/// <summary>
/// <c>fog</c> (1.5, decay 2): adds 1.5 times a plasma fractal (its top-left 224x224) to every channel,
/// then rescales by max / (max + 1.5), where max is the image's largest value before the fog.
/// </summary>
internal sealed class Fog : ICorruption
{
    private const double Strength = 1.5;
    private const double WibbleDecay = 2;

    public string Name => "fog";

    public Tensor Apply(Tensor bytes, RandomSource random)
    {
        using var scope = NewDisposeScope();
        var (batch, height, width) = (bytes.shape[0], bytes.shape[2], bytes.shape[3]);
        var x = bytes / 255.0;
        var maximum = x.amax([1, 2, 3], keepdim: true);
        var plasma = PlasmaFractal.Generate(batch, WibbleDecay, random, bytes.device)
            .narrow(1, 0, height).narrow(2, 0, width).unsqueeze(1);
        var fogged = (x + Strength * plasma) * maximum / (maximum + Strength);
        return ByteImages.TruncateUnit(fogged).MoveToOuterDisposeScope();
    }
}
