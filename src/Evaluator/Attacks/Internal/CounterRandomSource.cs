using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Internal;

/// <summary>
/// A counter-based generator computed on any device: the n-th number of a stream is a 32-bit integer
/// hash of (seed, n), so it needs no generator object and gives the same numbers wherever it runs.
/// Integer arithmetic stays below 2^63, so nothing relies on overflow. Normals use Box-Muller.
/// </summary>
internal sealed class CounterRandomSource : RandomSource
{
    private const long Low32 = 0xFFFFFFFFL;
    private const long Multiplier = 0x45d9f3b;
    private static readonly double InverseTwoTo32 = 1.0 / 4294967296.0;

    private readonly Device _device;
    private readonly long _key1;
    private readonly long _key2;
    private long _counter;

    public CounterRandomSource(ulong seed, Device device)
    {
        _device = device;
        _key1 = (long)(seed & Low32);
        _key2 = (long)(seed >> 32);
    }

    public override Tensor Uniform(long[] shape, ScalarType dtype = ScalarType.Float32)
    {
        using var scope = NewDisposeScope();
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var counters = arange(_counter, _counter + count, dtype: ScalarType.Int64, device: _device);
        _counter += count;
        var hashed = Hash(Hash(counters.bitwise_and(Low32).bitwise_xor_(_key1)).bitwise_xor_(counters.bitwise_right_shift(32)).bitwise_xor_(_key2));
        // Centre each of the 2^32 values in its cell: strictly inside (0,1), so logarithms stay finite.
        var uniform = hashed.to(ScalarType.Float64).add_(0.5).mul_(InverseTwoTo32);
        return uniform.to(dtype).reshape(shape).MoveToOuterDisposeScope();
    }

    public override Tensor Normal(long[] shape, ScalarType dtype = ScalarType.Float32)
    {
        using var scope = NewDisposeScope();
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var u = Uniform([2, count], ScalarType.Float64);
        var radius = u[0].log().mul_(-2.0).sqrt_();
        var normal = radius.mul_(u[1].mul(2 * Math.PI).cos_());
        return normal.to(dtype).reshape(shape).MoveToOuterDisposeScope();
    }

    public override void Dispose()
    {
    }

    // Thomas Mueller's 32-bit integer hash; values stay below 2^32 and the multiplier below 2^27.
    private static Tensor Hash(Tensor x)
    {
        x = x.bitwise_right_shift(16).bitwise_xor_(x).mul_(Multiplier).bitwise_and_(Low32);
        x = x.bitwise_right_shift(16).bitwise_xor_(x).mul_(Multiplier).bitwise_and_(Low32);
        return x.bitwise_right_shift(16).bitwise_xor_(x);
    }
}
