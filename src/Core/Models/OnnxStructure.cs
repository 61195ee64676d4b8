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
        var reader = new ProtoReader(stream);
        var end = stream.Length;
        var sawIrVersion = false;
        var sawGraph = false;
        stream.Position = 0;
        try
        {
            while (reader.TryReadTag(end, out var field, out var wireType))
            {
                if (KnownFields.TryGetValue(field, out var expected) && expected != wireType)
                    return false;
                if (field == IrVersionField && wireType == ProtoReader.Varint)
                {
                    if (reader.ReadVarint(end) is 0 or > MaxKnownIrVersion)
                        return false;
                    sawIrVersion = true;
                    continue;
                }
                sawGraph |= field == GraphField;
                reader.Skip(wireType, end);
            }
        }
        catch (InvalidDataException)
        {
            return false;
        }
        return sawIrVersion && sawGraph;
    }
}
