namespace Contest.Core.Dataset.Synthetic;

/// <summary>
/// xoshiro256** seeded through SplitMix64: small, fast, and the same sequence on every platform and
/// .NET version (System.Random promises neither). One instance per image and stream, never shared
/// between threads.
/// </summary>
internal sealed class DeterministicRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public DeterministicRandom(ulong seed)
    {
        var state = seed;
        _s0 = SplitMix64(ref state);
        _s1 = SplitMix64(ref state);
        _s2 = SplitMix64(ref state);
        _s3 = SplitMix64(ref state);
    }

    /// <summary>A new, independent stream derived from this one's seed material and a tag.</summary>
    public DeterministicRandom Fork(ulong tag)
    {
        var state = _s0 ^ (_s3 + tag * 0x9E3779B97F4A7C15UL);
        return new DeterministicRandom(SplitMix64(ref state) ^ tag);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public float Range(float min, float max) => (float)(min + (max - min) * NextDouble());

    /// <summary>Uniform integer in [minInclusive, maxExclusive).</summary>
    public int Int(int minInclusive, int maxExclusive) =>
        minInclusive + (int)(NextDouble() * (maxExclusive - minInclusive));

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>+1 or -1 with equal probability.</summary>
    public float Sign() => Chance(0.5) ? 1f : -1f;

    public T Pick<T>(IReadOnlyList<T> items) => items[Int(0, items.Count)];

    /// <summary>Normal with the given mean and standard deviation (Box-Muller).</summary>
    public float Normal(float mean, float sd)
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return (float)(mean + sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    /// <summary>Picks an index with probability proportional to its weight.</summary>
    public int Weighted(ReadOnlySpan<float> weights)
    {
        var total = 0f;
        foreach (var w in weights)
            total += w;
        var r = Range(0, total);
        for (var i = 0; i < weights.Length; i++)
        {
            r -= weights[i];
            if (r < 0)
                return i;
        }
        return weights.Length - 1;
    }

    internal static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
