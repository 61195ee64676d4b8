using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Internal;

/// <summary>libtorch's CPU generator, seeded and private to one stream (no global state).</summary>
internal sealed class CpuRandomSource(ulong seed) : RandomSource
{
    private readonly Generator _generator = new(seed, CPU);

    public override Tensor Uniform(long[] shape, ScalarType dtype = ScalarType.Float32) =>
        rand(shape, dtype, CPU, generator: _generator);

    public override Tensor Normal(long[] shape, ScalarType dtype = ScalarType.Float32) =>
        randn(shape, dtype, CPU, generator: _generator);

    public override void Dispose() => _generator.Dispose();
}
