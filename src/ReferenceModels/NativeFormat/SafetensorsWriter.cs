using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Contest.Core.Training;
using static TorchSharp.torch;

namespace Contest.ReferenceModels.NativeFormat;

/// <summary>
/// Writes a network's state (parameters and buffers under torchvision's names, plus the
/// <c>input_mean</c>/<c>input_std</c> buffers and BatchNorm's <c>num_batches_tracked</c> as I64) in the
/// safetensors format, which PyTorch loads with <c>safetensors.torch.load_file</c> and no pickle:
/// an 8-byte little-endian header length, a JSON header padded with spaces to a multiple of 8 bytes
/// ({name: {dtype, shape, data_offsets}} and <c>__metadata__</c>), then the tensors' raw
/// little-endian bytes, back to back in name order.
/// </summary>
public static class SafetensorsWriter
{
    /// <summary>The version of this export's layout, recorded in <c>__metadata__</c>.</summary>
    public const int ExportVersion = 1;

    /// <summary>Writes a native model's network and its identity.</summary>
    public static void Write(Stream output, NativeModel model) =>
        Write(output, model.Module, model.Manifest.Architecture, model.Manifest.Width);

    /// <summary>Writes <paramref name="module"/>'s state to <paramref name="output"/>, which stays open.</summary>
    public static void Write(Stream output, nn.Module module, string architecture, int width)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("safetensors holds little-endian data; this writer copies memory as it is and needs a little-endian machine.");
        if (!ArchitectureNames.Versions.TryGetValue(architecture, out var version))
            throw new ArgumentException($"unknown architecture '{architecture}'; known: {string.Join(", ", ArchitectureNames.Names)}.", nameof(architecture));

        using var scope = NewDisposeScope();
        var tensors = module.state_dict()
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => (Name: p.Key, Tensor: p.Value.detach().cpu().contiguous()))
            .ToList();

        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = "pt",
            ["contest_export_version"] = ExportVersion.ToString(CultureInfo.InvariantCulture),
            ["architecture"] = architecture,
            ["architecture_version"] = version.ToString(CultureInfo.InvariantCulture),
            ["width"] = NativeManifestRules.EffectiveWidth(architecture, width).ToString(CultureInfo.InvariantCulture),
            ["classes"] = string.Join(",", NativeManifestRules.Classes),
            ["input"] = "[N,3,224,224] float32 in [0,1]",
        };

        var header = Header(tensors, metadata);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        output.Write(length);
        output.Write(header);
        foreach (var (_, tensor) in tensors)
            output.Write(Bytes(tensor));
    }

    private static byte[] Header(List<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("__metadata__");
            foreach (var (key, value) in metadata)
                json.WriteString(key, value);
            json.WriteEndObject();
            long offset = 0;
            foreach (var (name, tensor) in tensors)
            {
                var size = tensor.NumberOfElements * tensor.ElementSize;
                json.WriteStartObject(name);
                json.WriteString("dtype", DtypeName(name, tensor.dtype));
                json.WriteStartArray("shape");
                foreach (var d in tensor.shape)
                    json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + size);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += size;
            }
            json.WriteEndObject();
        }
        // Padding keeps the data 8-byte aligned for readers that map the file.
        var padded = (int)((buffer.Length + 7) / 8 * 8);
        var header = new byte[padded];
        buffer.ToArray().CopyTo(header, 0);
        header.AsSpan((int)buffer.Length).Fill((byte)' ');
        return header;
    }

    private static ReadOnlySpan<byte> Bytes(Tensor tensor) => tensor.dtype switch
    {
        ScalarType.Float32 => MemoryMarshal.AsBytes(tensor.data<float>().ToArray().AsSpan()),
        ScalarType.Int64 => MemoryMarshal.AsBytes(tensor.data<long>().ToArray().AsSpan()),
        _ => throw new NotSupportedException($"tensors of type {tensor.dtype} are not exported."),
    };

    private static string DtypeName(string name, ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Int64 => "I64",
        _ => throw new NotSupportedException($"tensor '{name}' is {dtype}; the export writes float32 (F32) and int64 (I64) only."),
    };
}
