using System.Globalization;
using System.Text;
using static TorchSharp.torch;

namespace Contest.ReferenceModels.NativeFormat;

/// <summary>
/// Walks TorchSharp's <c>module.save</c> layout (an entry count, then per tensor: its name, dtype,
/// rank, dimensions, all LEB128 or length-prefixed, then the raw bytes) against the network's own
/// state dict before TorchSharp reads it, so that weights for another network are refused by name
/// and no count in the file sizes an allocation (TorchSharp's loader trusts them).
/// </summary>
internal static class TorchSharpWeightsLayout
{
    private const int MaxNameBytes = 1024;
    private const int MaxRank = 8;

    /// <summary>Throws a <see cref="NativeModelException"/> unless <paramref name="weights"/> holds exactly <paramref name="expected"/>'s tensors.</summary>
    public static void Check(ReadOnlySpan<byte> weights, IReadOnlyDictionary<string, Tensor> expected, string network)
    {
        var at = 0;
        var count = ReadNumber(weights, ref at, "the tensor count");
        if (count != expected.Count)
            throw Refuse($"the weights hold {count} tensors; {network} has {expected.Count}.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var name = ReadName(weights, ref at, i);
            if (!expected.TryGetValue(name, out var tensor))
                throw Refuse($"the weights hold a tensor '{name}' that {network} does not have.");
            if (!seen.Add(name))
                throw Refuse($"the weights hold tensor '{name}' twice.");
            var dtype = ReadNumber(weights, ref at, $"the type of '{name}'");
            if (dtype != (long)tensor.dtype)
                throw Refuse($"tensor '{name}' is stored as type {dtype}; {network} has {tensor.dtype} ({(int)tensor.dtype}).");
            var rank = ReadNumber(weights, ref at, $"the rank of '{name}'");
            if (rank > MaxRank || rank != tensor.ndim)
                throw Refuse($"tensor '{name}' is stored with {rank} dimensions; {network} has shape [{string.Join(", ", tensor.shape)}].");
            var shape = new long[rank];
            for (var d = 0; d < rank; d++)
                shape[d] = ReadNumber(weights, ref at, $"the shape of '{name}'");
            if (!shape.SequenceEqual(tensor.shape))
                throw Refuse($"tensor '{name}' is stored with shape [{string.Join(", ", shape)}]; {network} has [{string.Join(", ", tensor.shape)}].");
            var bytes = tensor.NumberOfElements * tensor.ElementSize;
            if (weights.Length - at < bytes)
                throw Refuse($"the weights end inside tensor '{name}' (truncated).");
            at += (int)bytes;
        }
        if (at != weights.Length)
            throw Refuse($"{weights.Length - at} bytes follow the last tensor.");
    }

    // LEB128 as TorchSharp's Encode writes a long: 7 bits a byte, low first, at most 10 bytes.
    private static long ReadNumber(ReadOnlySpan<byte> data, ref int at, string what)
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (at >= data.Length)
                throw Refuse($"the weights end inside {what} (truncated).");
            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return value > long.MaxValue ? throw Refuse($"{what} is out of range.") : (long)value;
        }
        throw Refuse($"{what} is not a well-formed number.");
    }

    // BinaryWriter.Write(string): a 7-bit length prefix, then UTF-8.
    private static string ReadName(ReadOnlySpan<byte> data, ref int at, int index)
    {
        var length = ReadNumber(data, ref at, string.Create(CultureInfo.InvariantCulture, $"the name of tensor #{index + 1}"));
        if (length > MaxNameBytes || length > data.Length - at)
            throw Refuse(string.Create(CultureInfo.InvariantCulture, $"the name of tensor #{index + 1} is {length} bytes long (truncated or corrupt)."));
        try
        {
            var name = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(data.Slice(at, (int)length));
            at += (int)length;
            return name;
        }
        catch (DecoderFallbackException)
        {
            throw Refuse(string.Create(CultureInfo.InvariantCulture, $"the name of tensor #{index + 1} is not valid UTF-8."));
        }
    }

    private static NativeModelException Refuse(string reason) => NativeManifestRules.Refuse("the weights do not fit the architecture: " + reason);
}
