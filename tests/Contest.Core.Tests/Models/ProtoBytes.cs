using System.Text;

namespace Contest.Core.Tests.Models;

/// <summary>Builds and splices protobuf wire format by hand, to make ONNX files no exporter would write.</summary>
internal static class ProtoBytes
{
    public static byte[] Message(int field, params byte[][] parts) => [.. Tag(field, 2), .. Varint((ulong)parts.Sum(p => p.Length)), .. parts.SelectMany(p => p)];

    public static byte[] String(int field, string value) => Message(field, Encoding.UTF8.GetBytes(value));

    public static byte[] Number(int field, ulong value) => [.. Tag(field, 0), .. Varint(value)];

    /// <summary>
    /// <paramref name="message"/> with the payload of its first length-delimited field number
    /// <paramref name="field"/> replaced by <paramref name="edit"/> of it.
    /// </summary>
    public static byte[] EditFirst(byte[] message, int field, Func<byte[], byte[]> edit)
    {
        var at = 0;
        while (at < message.Length)
        {
            var start = at;
            var tag = ReadVarint(message, ref at);
            var wire = (int)(tag & 7);
            switch (wire)
            {
                case 0:
                    ReadVarint(message, ref at);
                    break;
                case 1:
                    at += 8;
                    break;
                case 5:
                    at += 4;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref at);
                    if ((int)(tag >> 3) == field)
                    {
                        var edited = Message(field, edit(message[at..(at + length)]));
                        return [.. message[..start], .. edited, .. message[(at + length)..]];
                    }
                    at += length;
                    break;
                default:
                    throw new InvalidDataException($"wire type {wire}");
            }
        }
        throw new InvalidOperationException($"no field {field}");
    }

    private static byte[] Tag(int field, int wire) => Varint(((ulong)field << 3) | (uint)wire);

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        bytes.Add((byte)value);
        return [.. bytes];
    }

    private static ulong ReadVarint(byte[] bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
                return value;
        }
    }
}
