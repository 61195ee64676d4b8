namespace Contest.Core.Models;

/// <summary>
/// Finds ONNX tensors whose data lives outside the model file (<c>data_location = EXTERNAL</c> or
/// <c>external_data</c> entries): ONNX Runtime would open the file they name, relative to the model
/// or not, so such models are refused. Walks every place a TensorProto can sit: graph initializers
/// and sparse initializers, node attributes (<c>t</c>, <c>tensors</c>, sparse tensors) and the
/// subgraphs in <c>g</c> and <c>graphs</c>, functions, and training graphs; nesting is bounded.
/// Field numbers are those of onnx.proto3.
/// </summary>
internal static class OnnxExternalData
{
    /// <summary>Deepest nesting of messages followed (ONNX Runtime's protobuf stops at 100).</summary>
    public const int MaxDepth = 64;

    private const int NameBytes = 200;

    public static ModelInspectionResult Inspect(Stream stream)
    {
        var walker = new Walker(new ProtoReader(stream));
        try
        {
            stream.Position = 0;
            return walker.Model(stream.Length) is { } finding
                ? ModelInspectionResult.Refuse(
                    $"the ONNX model keeps the data of {finding} outside the model file; the evaluator runs only " +
                    "self-contained files and never opens files a model names. Re-export with the weights inside the file: " +
                    "`torch.onnx.export(..., external_data=False)`, or `onnx.save_model(model, path, save_as_external_data=False)` " +
                    "(one ONNX file holds at most 2 GB).")
                : ModelInspectionResult.Fine;
        }
        catch (InvalidDataException e)
        {
            return ModelInspectionResult.Refuse($"the ONNX file is malformed ({e.Message}). Export the model again and upload the new file.");
        }
    }

    private sealed class Walker(ProtoReader reader)
    {
        // ModelProto: graph = 7, training_info = 20, functions = 25.
        public string? Model(long end)
        {
            while (reader.TryReadTag(end, out var field, out var wire))
            {
                var found = (field, wire) switch
                {
                    (7, ProtoReader.LengthDelimited) => Graph(reader.ReadLength(end), "the main graph", 1),
                    (20, ProtoReader.LengthDelimited) => TrainingInfo(reader.ReadLength(end), 1),
                    (25, ProtoReader.LengthDelimited) => Function(reader.ReadLength(end), 1),
                    _ => Skip(wire, end),
                };
                if (found is not null)
                    return found;
            }
            return null;
        }

        // TrainingInfoProto: initialization = 1, algorithm = 2 (graphs).
        private string? TrainingInfo(long end, int depth)
        {
            Deeper(depth);
            while (reader.TryReadTag(end, out var field, out var wire))
            {
                var found = (field, wire) switch
                {
                    (1 or 2, ProtoReader.LengthDelimited) => Graph(reader.ReadLength(end), "a training graph", depth + 1),
                    _ => Skip(wire, end),
                };
                if (found is not null)
                    return found;
            }
            return null;
        }

        // GraphProto: node = 1, initializer = 5, sparse_initializer = 15.
        private string? Graph(long end, string where, int depth)
        {
            Deeper(depth);
            while (reader.TryReadTag(end, out var field, out var wire))
            {
                var found = (field, wire) switch
                {
                    (1, ProtoReader.LengthDelimited) => Node(reader.ReadLength(end), where, depth + 1),
                    (5, ProtoReader.LengthDelimited) => Tensor(reader.ReadLength(end), $"an initializer of {where}", depth + 1),
                    (15, ProtoReader.LengthDelimited) => SparseTensor(reader.ReadLength(end), $"a sparse initializer of {where}", depth + 1),
                    _ => Skip(wire, end),
                };
                if (found is not null)
                    return found;
            }
            return null;
        }

        // FunctionProto: name = 1, node = 7, attribute_proto = 11.
        private string? Function(long end, int depth)
        {
            Deeper(depth);
            var where = "a function";
            while (reader.TryReadTag(end, out var field, out var wire))
            {
                string? found = null;
                if ((field, wire) == (1, ProtoReader.LengthDelimited))
                    where = $"function `{Name(end)}`";
                else
                {
                    found = (field, wire) switch
                    {
                        (7, ProtoReader.LengthDelimited) => Node(reader.ReadLength(end), where, depth + 1),
                        (11, ProtoReader.LengthDelimited) => Attribute(reader.ReadLength(end), $"a default attribute of {where}", where, depth + 1),
                        _ => Skip(wire, end),
                    };
                }
                if (found is not null)
                    return found;
            }
            return null;
        }

        // NodeProto: name = 3, op_type = 4, attribute = 5.
        private string? Node(long end, string graph, int depth)
        {
            Deeper(depth);
            string? name = null;
            string? opType = null;
            while (reader.TryReadTag(end, out var field, out var wire))
            {
                string? found = null;
                switch (field, wire)
                {
                    case (3, ProtoReader.LengthDelimited):
                        name = Name(end);
                        break;
                    case (4, ProtoReader.LengthDelimited):
                        opType = Name(end);
                        break;
                    case (5, ProtoReader.LengthDelimited):
                        var node = $"node `{name ?? "?"}`" + (opType is null ? "" : $" ({opType})");
                        found = Attribute(reader.ReadLength(end), $"{node} in {graph}", graph, depth + 1);
                        break;
                    default:
                        found = Skip(wire, end);
                        break;
                }
                if (found is not null)
                    return found;
            }
            return null;
        }

        // AttributeProto: name = 1, t = 5, g = 6, tensors = 10, graphs = 11, sparse_tensor = 22, sparse_tensors = 23.
        private string? Attribute(long end, string owner, string graph, int depth)
        {
            Deeper(depth);
            var where = $"an attribute of {owner}";
            while (reader.TryReadTag(end, out var field, out var wire))
            {
                string? found = null;
                if ((field, wire) == (1, ProtoReader.LengthDelimited))
                    where = $"attribute `{Name(end)}` of {owner}";
                else
                {
                    found = (field, wire) switch
                    {
                        (5 or 10, ProtoReader.LengthDelimited) => Tensor(reader.ReadLength(end), where, depth + 1),
                        (6 or 11, ProtoReader.LengthDelimited) => Graph(reader.ReadLength(end), $"the subgraph in {where}", depth + 1),
                        (22 or 23, ProtoReader.LengthDelimited) => SparseTensor(reader.ReadLength(end), where, depth + 1),
                        _ => Skip(wire, end),
                    };
                }
                if (found is not null)
                    return found;
            }
            return null;
        }

        // SparseTensorProto: values = 1, indices = 2 (tensors).
        private string? SparseTensor(long end, string where, int depth)
        {
            Deeper(depth);
            while (reader.TryReadTag(end, out var field, out var wire))
            {
                var found = (field, wire) switch
                {
                    (1, ProtoReader.LengthDelimited) => Tensor(reader.ReadLength(end), $"the values of {where}", depth + 1),
                    (2, ProtoReader.LengthDelimited) => Tensor(reader.ReadLength(end), $"the indices of {where}", depth + 1),
                    _ => Skip(wire, end),
                };
                if (found is not null)
                    return found;
            }
            return null;
        }

        // TensorProto: name = 8, external_data = 13 (key = 1, value = 2), data_location = 14 (EXTERNAL = 1).
        private string? Tensor(long end, string where, int depth)
        {
            Deeper(depth);
            string? name = null;
            string? location = null;
            var external = false;
            while (reader.TryReadTag(end, out var field, out var wire))
            {
                switch (field, wire)
                {
                    case (8, ProtoReader.LengthDelimited):
                        name = Name(end);
                        break;
                    case (13, ProtoReader.LengthDelimited):
                        external = true;
                        location = ExternalLocation(reader.ReadLength(end)) ?? location;
                        break;
                    case (14, ProtoReader.Varint):
                        // Any value but DEFAULT (0): an unknown one is no safer.
                        external |= reader.ReadVarint(end) != 0;
                        break;
                    default:
                        Skip(wire, end);
                        break;
                }
            }
            if (!external)
                return null;
            return $"tensor `{name ?? "?"}` ({where})" + (location is null ? "" : $", in `{location}`");
        }

        // StringStringEntryProto: key = 1, value = 2; the file is the value of the key "location".
        private string? ExternalLocation(long end)
        {
            string? key = null;
            string? value = null;
            while (reader.TryReadTag(end, out var field, out var wire))
            {
                switch (field, wire)
                {
                    case (1, ProtoReader.LengthDelimited):
                        key = Name(end);
                        break;
                    case (2, ProtoReader.LengthDelimited):
                        value = Name(end);
                        break;
                    default:
                        Skip(wire, end);
                        break;
                }
            }
            return key == "location" ? value : null;
        }

        // Names go into the reason a person reads: no control characters (terminal escapes) in them.
        private string Name(long end) =>
            new(reader.ReadString(end, NameBytes).Select(c => char.IsControl(c) ? '?' : c).ToArray());

        private string? Skip(int wire, long end)
        {
            reader.Skip(wire, end);
            return null;
        }

        private static void Deeper(int depth)
        {
            if (depth > MaxDepth)
                throw new InvalidDataException($"messages nested more than {MaxDepth} deep");
        }
    }
}
