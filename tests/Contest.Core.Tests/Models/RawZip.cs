using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Contest.Core.Models;

namespace Contest.Core.Tests.Models;

/// <summary>
/// Writes ZIP archives byte by byte, with whatever sizes and compressed payloads a test wants to
/// declare: the hostile archives that ZipArchive refuses to write.
/// </summary>
internal static class RawZip
{
    public const ushort Stored = 0;
    public const ushort Deflated = 8;

    /// <summary>One entry: its payload as stored in the archive, the unpacked size and CRC it declares.</summary>
    public sealed record Entry(string Name, ushort Method, byte[] Payload, uint DeclaredSize, uint Crc);

    public static Entry StoredEntry(string name, byte[] data) => new(name, Stored, data, (uint)data.Length, ZipCrc32.Compute(data));

    public static Entry StoredEntry(string name, string text) => StoredEntry(name, Encoding.UTF8.GetBytes(text));

    public static byte[] Write(IEnumerable<Entry> entries)
    {
        using var file = new MemoryStream();
        using var directory = new MemoryStream();
        var count = 0;
        foreach (var entry in entries)
        {
            var offset = (uint)file.Length;
            var name = Encoding.UTF8.GetBytes(entry.Name);
            Header(file, entry, name, offset: null);
            file.Write(name);
            file.Write(entry.Payload);
            Header(directory, entry, name, offset);
            directory.Write(name);
            count++;
        }

        var directoryOffset = (uint)file.Length;
        directory.Position = 0;
        directory.CopyTo(file);
        Span<byte> end = stackalloc byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], (ushort)Math.Min(count, ushort.MaxValue));
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], (ushort)Math.Min(count, ushort.MaxValue));
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], (uint)(file.Length - directoryOffset));
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], directoryOffset);
        file.Write(end);
        return file.ToArray();
    }

    /// <summary>
    /// A raw deflate stream that unpacks to <paramref name="mebibytes"/> MiB of zeros, about a
    /// thousand times smaller: one sync-flushed (byte-aligned, not final) MiB repeated, then an
    /// empty final block.
    /// </summary>
    public static byte[] DeflatedZeros(int mebibytes)
    {
        byte[] mebibyte;
        using (var segment = new MemoryStream())
        using (var deflate = new DeflateStream(segment, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(new byte[1 << 20]);
            deflate.Flush();
            mebibyte = segment.ToArray();
        }
        using var bomb = new MemoryStream();
        for (var i = 0; i < mebibytes; i++)
            bomb.Write(mebibyte);
        bomb.Write([0x03, 0x00]);
        return bomb.ToArray();
    }

    // A local header (offset null) or a central directory header.
    private static void Header(Stream output, Entry entry, byte[] name, uint? offset)
    {
        var central = offset is not null;
        Span<byte> header = stackalloc byte[central ? 46 : 30];
        BinaryPrimitives.WriteUInt32LittleEndian(header, central ? 0x02014b50u : 0x04034b50u);
        var at = 4;
        if (central)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header[at..], 20); // version made by
            at += 2;
        }
        BinaryPrimitives.WriteUInt16LittleEndian(header[at..], 20); // version needed
        BinaryPrimitives.WriteUInt16LittleEndian(header[(at + 4)..], entry.Method);
        BinaryPrimitives.WriteUInt16LittleEndian(header[(at + 8)..], 0x21); // 1980-01-01
        BinaryPrimitives.WriteUInt32LittleEndian(header[(at + 10)..], entry.Crc);
        BinaryPrimitives.WriteUInt32LittleEndian(header[(at + 14)..], (uint)entry.Payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[(at + 18)..], entry.DeclaredSize);
        BinaryPrimitives.WriteUInt16LittleEndian(header[(at + 22)..], (ushort)name.Length);
        if (central)
            BinaryPrimitives.WriteUInt32LittleEndian(header[42..], offset!.Value);
        output.Write(header);
    }
}
