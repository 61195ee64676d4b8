using TorchSharp;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Internal;

/// <summary>
/// Seeded random tensors made on the attack's device. TorchSharp 0.107 creates every
/// <see cref="Generator"/> on the CPU, so a CUDA device gets a counter-based generator computed with
/// tensor operations instead (<see cref="CounterRandomSource"/>); the CPU keeps libtorch's fast one.
/// The same seed on the same kind of device gives the same numbers.
/// </summary>
internal abstract class RandomSource : IDisposable
{
    public static RandomSource Create(ulong seed, Device device) =>
        device.type == DeviceType.CPU ? new CpuRandomSource(seed) : new CounterRandomSource(seed, device);

    /// <summary>Uniform in [0,1).</summary>
    public abstract Tensor Uniform(long[] shape, ScalarType dtype = ScalarType.Float32);

    /// <summary>Standard normal.</summary>
    public abstract Tensor Normal(long[] shape, ScalarType dtype = ScalarType.Float32);

    /// <summary>Uniform in [low, high).</summary>
    public Tensor Uniform(long[] shape, double low, double high, ScalarType dtype = ScalarType.Float32) =>
        Uniform(shape, dtype).mul_(high - low).add_(low);

    /// <summary>Integers uniform in [low, high), as int64.</summary>
    public Tensor Integers(long[] shape, long low, long high)
    {
        using var scope = NewDisposeScope();
        var draws = Uniform(shape, ScalarType.Float64).mul_(high - low).floor_().clamp_max_(high - low - 1);
        return draws.to(ScalarType.Int64).add_(low).MoveToOuterDisposeScope();
    }

    public abstract void Dispose();
}
