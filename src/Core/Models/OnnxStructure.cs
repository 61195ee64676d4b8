namespace Contest.Core.Models;

/// <summary>
/// Recognises a serialized ONNX ModelProto by walking its top-level protobuf fields (tags and
/// lengths only; nothing is decoded). A file passes when every field is well formed, the fields end
/// exactly at the end of the file, and it has an IR version and a graph.
/// </summary>
internal static class OnnxStructure
{
    private const int IrVersionField = 1;
    private const int GraphField = 7;
    private const int MaxKnownIrVersion = 64;

    // Field number -> wire type, for the fields of onnx.ModelProto.
    private static readonly Dictionary<int, int> KnownFields = new()
    {
        [1] = 0, // ir_version
        [2] = 2, // producer_name
        [3] = 2, // producer_version
        [4] = 2, // domain
        [5] = 0, // model_version
        [6] = 2, // doc_string
        [7] = 2, // graph
        [8] = 2, // opset_import
        [14] = 2, // metadata_props
        [20] = 2, // training_info
        [25] = 2, // functions
        [26] = 2, // configuration
    };

    public static bool IsModelProto(Stream stream)
    {
        stream.Position = 0;
        var length = stream.Length;
        var sawIrVersion = false;
        var sawGraph = false;

        while (stream.Position < length)
        {
            if (!TryReadVarint(stream, out var tag) || tag == 0)
                return false;
            var field = (int)(tag >> 3);
            var wireType = (int)(tag & 7);
            if (KnownFields.TryGetValue(field, out var expected) && expected != wireType)
                return false;

            switch (wireType)
            {
                case 0:
                    if (!TryReadVarint(stream, out var value))
                        return false;
                    if (field == IrVersionField)
                    {
                        if (value is 0 or > MaxKnownIrVersion)
                            return false;
                        sawIrVersion = true;
                    }
                    break;
                case 1:
                    if (!Skip(stream, 8, length))
                        return false;
                    break;
                case 2:
                    if (!TryReadVarint(stream, out var size) || !Skip(stream, size, length))
                        return false;
                    if (field == GraphField)
                        sawGraph = true;
                    break;
                case 5:
                    if (!Skip(stream, 4, length))
                        return false;
                    break;
                default:
                    return false;
            }
        }
        return sawIrVersion && sawGraph;
    }

    private static bool Skip(Stream stream, ulong count, long length)
    {
        if (count > (ulong)(length - stream.Position))
            return false;
        stream.Position += (long)count;
        return true;
    }

    private static bool TryReadVarint(Stream stream, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = stream.ReadByte();
            if (b < 0)
                return false;
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
                return true;
        }
        return false;
    }
}
