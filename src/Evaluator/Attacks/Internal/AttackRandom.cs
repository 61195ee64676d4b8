using System.Text;
using static TorchSharp.torch;

namespace Contest.Evaluator.Attacks.Internal;

/// <summary>
/// The random numbers of one attack run, derived from its seed: each named stream is independent
/// of the others, so adding draws to one part of an attack leaves the rest unchanged.
/// </summary>
internal sealed class AttackRandom(ulong seed, Device device)
{
    /// <summary>A fresh source for the stream <paramref name="name"/>; the caller disposes it.</summary>
    public RandomSource Stream(string name) => RandomSource.Create(StreamSeed(seed, name), device);

    /// <summary>SplitMix64 of the seed and an FNV-1a hash of the name: well spread, stable across runs and platforms.</summary>
    internal static ulong StreamSeed(ulong seed, string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(name))
            hash = (hash ^ b) * 1099511628211UL;
        var z = seed ^ hash;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
