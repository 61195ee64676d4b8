namespace Contest.Core.Models;

/// <summary>
/// Reads protobuf wire format (tags, varints, lengths) from a seekable stream without decoding
/// messages into objects, so a file of any size costs constant memory: payloads are skipped by
/// seeking. Every length is checked against the end of the message that holds it; anything out
/// of bounds throws <see cref="InvalidDataException"/> naming the byte offset.
/// </summary>
internal sealed class ProtoReader(Stream stream)
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    public long Position => stream.Position;

    /// <summary>Reads the next tag of a message that ends at <paramref name="end"/>; false at its end.</summary>
    public bool TryReadTag(long end, out int field, out int wireType)
    {
        field = 0;
        wireType = 0;
        if (stream.Position >= end)
            return false;
        var at = stream.Position;
        var tag = ReadVarint(end);
        field = (int)Math.Min(tag >> 3, int.MaxValue);
        wireType = (int)(tag & 7);
        if (field == 0)
            throw new InvalidDataException($"field number 0 at byte {at}");
        return true;
    }

    /// <summary>Reads a varint that must end within <paramref name="end"/>.</summary>
    public ulong ReadVarint(long end)
    {
        var at = stream.Position;
        var value = ReadVarint();
        if (stream.Position > end)
            throw new InvalidDataException($"a number at byte {at} runs past the end of its message");
        return value;
    }

    private ulong ReadVarint()
    {
        var at = stream.Position;
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = stream.ReadByte();
            if (b < 0)
                throw new InvalidDataException($"the file ends inside a number at byte {at}");
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
                return value;
        }
        throw new InvalidDataException($"a number longer than ten bytes at byte {at}");
    }

    /// <summary>Reads a length prefix and returns where that payload ends, within <paramref name="end"/>.</summary>
    public long ReadLength(long end)
    {
        var at = stream.Position;
        var length = ReadVarint(end);
        if (length > (ulong)(end - stream.Position))
            throw new InvalidDataException($"a length of {length} bytes at byte {at} runs past the end of its message");
        return stream.Position + (long)length;
    }

    /// <summary>Reads a string field's payload, keeping at most <paramref name="max"/> bytes of it.</summary>
    public string ReadString(long end, int max)
    {
        var payloadEnd = ReadLength(end);
        var buffer = new byte[(int)Math.Min(max, payloadEnd - stream.Position)];
        stream.ReadExactly(buffer);
        stream.Position = payloadEnd;
        return System.Text.Encoding.UTF8.GetString(buffer);
    }

    /// <summary>Skips a field's value of the given wire type.</summary>
    public void Skip(int wireType, long end)
    {
        var at = stream.Position;
        long next = wireType switch
        {
            Varint => SkipVarint(end),
            Fixed64 => stream.Position + 8,
            LengthDelimited => ReadLength(end),
            Fixed32 => stream.Position + 4,
            _ => throw new InvalidDataException($"wire type {wireType} at byte {at}, which ONNX never uses"),
        };
        if (next > end)
            throw new InvalidDataException($"a value at byte {at} runs past the end of its message");
        stream.Position = next;
    }

    private long SkipVarint(long end)
    {
        ReadVarint(end);
        return stream.Position;
    }
}
