using System.Buffers.Binary;

namespace Contest.Core.Models;

/// <summary>
/// What a ZIP archive's end records declare about its central directory (entry count and size),
/// read from the last bytes of the file before anything parses the directory itself: a reader
/// that trusts these numbers builds one object per entry, so they are checked first. Where both a
/// classic and a ZIP64 record are present, the larger figures count.
/// </summary>
internal readonly record struct ZipDirectorySize(ulong Entries, ulong Bytes)
{
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const int EndLength = 22;
    private const int Zip64LocatorLength = 20;
    private const int Zip64EndLength = 56;
    private const int MaxCommentLength = ushort.MaxValue;

    /// <summary>Reads the end records; null when there is no well-formed end record.</summary>
    public static ZipDirectorySize? Read(Stream stream)
    {
        var length = stream.Length;
        var tailLength = (int)Math.Min(length, EndLength + MaxCommentLength);
        var tail = new byte[tailLength];
        stream.Position = length - tailLength;
        stream.ReadExactly(tail);

        var end = FindEnd(tail);
        if (end < 0)
            return null;
        var record = tail.AsSpan(end);
        ulong entries = BinaryPrimitives.ReadUInt16LittleEndian(record[10..]);
        ulong bytes = BinaryPrimitives.ReadUInt32LittleEndian(record[12..]);

        var locatorAt = length - tailLength + end - Zip64LocatorLength;
        if (locatorAt >= 0 && ReadZip64(stream, locatorAt, length) is { } zip64)
        {
            entries = Math.Max(entries, zip64.Entries);
            bytes = Math.Max(bytes, zip64.Bytes);
        }
        return new ZipDirectorySize(entries, bytes);
    }

    // The end signature nearest to the end of the file, the one ZIP readers (.NET's, miniz) take.
    private static int FindEnd(ReadOnlySpan<byte> tail)
    {
        for (var at = tail.Length - EndLength; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail[at..]) == EndSignature)
                return at;
        }
        return -1;
    }

    private static ZipDirectorySize? ReadZip64(Stream stream, long locatorAt, long length)
    {
        Span<byte> locator = stackalloc byte[Zip64LocatorLength];
        stream.Position = locatorAt;
        stream.ReadExactly(locator);
        if (BinaryPrimitives.ReadUInt32LittleEndian(locator) != Zip64LocatorSignature)
            return null;
        var endAt = BinaryPrimitives.ReadUInt64LittleEndian(locator[8..]);
        if (endAt > (ulong)(length - Zip64EndLength))
            return null;

        Span<byte> record = stackalloc byte[Zip64EndLength];
        stream.Position = (long)endAt;
        stream.ReadExactly(record);
        if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndSignature)
            return null;
        return new ZipDirectorySize(
            BinaryPrimitives.ReadUInt64LittleEndian(record[32..]),
            BinaryPrimitives.ReadUInt64LittleEndian(record[40..]));
    }
}
