using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Contest.ReferenceModels.NativeFormat;

/// <summary>
/// A small safetensors reader (F32 and I64 only), to check what <see cref="SafetensorsWriter"/>
/// produced: the header is parsed and held to the format's rules (a JSON object within the file,
/// sizes that match each dtype and shape, offsets that tile the data exactly), then tensors are read
/// on demand.
/// </summary>
public sealed class SafetensorsFile
{
    private const long MaxHeaderBytes = 100_000_000;
    private readonly byte[] _data;

    private SafetensorsFile(long headerLength, IReadOnlyDictionary<string, string> metadata, IReadOnlyDictionary<string, SafetensorsEntry> tensors, byte[] data)
    {
        HeaderLength = headerLength;
        Metadata = metadata;
        Tensors = tensors;
        _data = data;
    }

    /// <summary>The JSON header's length in bytes, as the first 8 bytes declare it.</summary>
    public long HeaderLength { get; }

    /// <summary>The <c>__metadata__</c> object.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Every tensor by name.</summary>
    public IReadOnlyDictionary<string, SafetensorsEntry> Tensors { get; }

    /// <summary>Parses a whole safetensors file held in memory.</summary>
    public static SafetensorsFile Parse(byte[] file)
    {
        if (file.Length < 8)
            throw new InvalidDataException("a safetensors file starts with an 8-byte header length; this one is shorter.");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > MaxHeaderBytes || headerLength > (ulong)(file.Length - 8))
            throw new InvalidDataException($"the header length {headerLength} does not fit the file's {file.Length} bytes.");
        var header = file.AsSpan(8, (int)headerLength);
        if (header.Length == 0 || header[0] != (byte)'{')
            throw new InvalidDataException("the header does not start with '{'.");

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var tensors = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
        using (var json = JsonDocument.Parse(file.AsMemory(8, (int)headerLength)))
        {
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    foreach (var item in property.Value.EnumerateObject())
                        metadata[item.Name] = item.Value.GetString() ?? throw new InvalidDataException($"metadata '{item.Name}' is not a string.");
                    continue;
                }
                var entry = property.Value;
                var offsets = entry.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                if (offsets.Length != 2)
                    throw new InvalidDataException($"tensor '{property.Name}' needs two data offsets.");
                tensors.Add(property.Name, new SafetensorsEntry(
                    property.Name,
                    entry.GetProperty("dtype").GetString() ?? "",
                    [.. entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64())],
                    offsets[0],
                    offsets[1]));
            }
        }

        var data = file.AsSpan(8 + (int)headerLength).ToArray();
        long next = 0;
        foreach (var tensor in tensors.Values.OrderBy(t => t.Begin))
        {
            if (tensor.Begin != next || tensor.End < tensor.Begin)
                throw new InvalidDataException($"tensor '{tensor.Name}' starts at {tensor.Begin}, not at {next}: the data has a gap or an overlap.");
            var expected = tensor.Shape.Aggregate(1L, (a, b) => a * b) * ElementSize(tensor);
            if (tensor.End - tensor.Begin != expected)
                throw new InvalidDataException($"tensor '{tensor.Name}' takes {tensor.End - tensor.Begin} bytes; its dtype and shape need {expected}.");
            next = tensor.End;
        }
        if (next != data.Length)
            throw new InvalidDataException($"the tensors cover {next} of the {data.Length} data bytes.");
        return new SafetensorsFile((long)headerLength, metadata, tensors, data);
    }

    /// <summary>An F32 tensor's values, flattened.</summary>
    public float[] ReadFloats(string name) => Read<float>(name, "F32");

    /// <summary>An I64 tensor's values, flattened.</summary>
    public long[] ReadInt64s(string name) => Read<long>(name, "I64");

    private T[] Read<T>(string name, string dtype) where T : struct
    {
        var tensor = Tensors.TryGetValue(name, out var found) ? found : throw new KeyNotFoundException($"no tensor '{name}'.");
        if (tensor.Dtype != dtype)
            throw new InvalidDataException($"tensor '{name}' is {tensor.Dtype}, not {dtype}.");
        return MemoryMarshal.Cast<byte, T>(_data.AsSpan((int)tensor.Begin, (int)(tensor.End - tensor.Begin))).ToArray();
    }

    private static long ElementSize(SafetensorsEntry tensor) => tensor.Dtype switch
    {
        "F32" => 4,
        "I64" => 8,
        _ => throw new InvalidDataException($"tensor '{tensor.Name}' has dtype '{tensor.Dtype}'; this reader knows F32 and I64."),
    };
}
