using Contest.Evaluator.Attacks.Internal;
using Contest.Evaluator.Runtime;
using static TorchSharp.torch;

namespace Contest.Evaluator.Tests.Attacks.Internal;

public class RandomSourceTests
{
    public RandomSourceTests() => TorchNativeLoader.EnsureLoaded();

    [Fact]
    public void CounterSource_SameSeed_GivesTheSameNumbers()
    {
        using var scope = NewDisposeScope();
        using var first = new CounterRandomSource(42, CPU);
        using var second = new CounterRandomSource(42, CPU);
        using var other = new CounterRandomSource(43, CPU);

        var a = first.Uniform([1000]);
        var b = second.Uniform([1000]);
        var c = other.Uniform([1000]);

        Assert.True(a.eq(b).all().item<bool>());
        Assert.False(a.eq(c).all().item<bool>());
    }

    [Fact]
    public void CounterSource_Uniform_IsUniformOnTheUnitInterval()
    {
        using var scope = NewDisposeScope();
        using var source = new CounterRandomSource(7, CPU);

        var u = source.Uniform([200_000], ScalarType.Float64);

        Assert.True(u.min().item<double>() > 0 && u.max().item<double>() < 1);
        Assert.InRange(u.mean().item<double>(), 0.497, 0.503);
        Assert.InRange(u.var().item<double>(), 1 / 12.0 - 0.002, 1 / 12.0 + 0.002);
        // Neighbouring draws are uncorrelated.
        var lagged = (u[..^1] - 0.5) * (u[1..] - 0.5);
        Assert.InRange(lagged.mean().item<double>(), -0.001, 0.001);
    }

    [Fact]
    public void CounterSource_Normal_HasUnitVariance()
    {
        using var scope = NewDisposeScope();
        using var source = new CounterRandomSource(11, CPU);

        var z = source.Normal([200_000], ScalarType.Float64);

        Assert.InRange(z.mean().item<double>(), -0.01, 0.01);
        Assert.InRange(z.std().item<double>(), 0.99, 1.01);
    }

    [Fact]
    public void CpuSource_SameSeed_GivesTheSameNumbers()
    {
        using var scope = NewDisposeScope();
        using var first = new CpuRandomSource(5);
        using var second = new CpuRandomSource(5);

        Assert.True(first.Normal([100]).eq(second.Normal([100])).all().item<bool>());
    }

    [Fact]
    public void StreamSeed_DifferentNames_GiveDifferentSeeds()
    {
        Assert.NotEqual(AttackRandom.StreamSeed(1, "spsa"), AttackRandom.StreamSeed(1, "boundary"));
        Assert.Equal(AttackRandom.StreamSeed(1, "spsa"), AttackRandom.StreamSeed(1, "spsa"));
        Assert.NotEqual(AttackRandom.StreamSeed(1, "spsa"), AttackRandom.StreamSeed(2, "spsa"));
    }

    [Fact]
    public void Integers_AreWithinTheHalfOpenRange()
    {
        using var scope = NewDisposeScope();
        using var source = new CpuRandomSource(3);

        var values = source.Integers([10_000], -1, 1);

        Assert.Equal(-1, values.min().item<long>());
        Assert.Equal(0, values.max().item<long>());
    }
}
