using System.Buffers.Binary;
using System.Text;

namespace Contest.Evaluator.Tests.Build;

/// <summary>
/// Writes a minimal little-endian ELF64 file with a .dynstr and a .gnu.version_r section that
/// requires the given versions from libstdc++.so.6, so the patcher can be tested byte for byte.
/// </summary>
internal static class SyntheticElf
{
    public const int HeaderSize = 64;
    private const int SectionHeaderSize = 64;

    /// <summary>The file, and the offset of each Vernaux entry's vna_flags field.</summary>
    public static (byte[] Bytes, int[] FlagOffsets) Build(params string[] versions)
    {
        var strings = new MemoryStream();
        strings.WriteByte(0);
        int Add(string s)
        {
            var at = (int)strings.Length;
            strings.Write(Encoding.ASCII.GetBytes(s));
            strings.WriteByte(0);
            return at;
        }
        var fileName = Add("libstdc++.so.6");
        var names = versions.Select(Add).ToArray();
        var dynstr = strings.ToArray();

        var verneed = new byte[16 + (16 * versions.Length)];
        BinaryPrimitives.WriteUInt16LittleEndian(verneed.AsSpan(0), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(verneed.AsSpan(2), (ushort)versions.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(verneed.AsSpan(4), (uint)fileName);
        BinaryPrimitives.WriteUInt32LittleEndian(verneed.AsSpan(8), 16);
        var dynstrOffset = HeaderSize;
        var verneedOffset = dynstrOffset + dynstr.Length;
        var flagOffsets = new int[versions.Length];
        for (var i = 0; i < versions.Length; i++)
        {
            var aux = 16 + (16 * i);
            BinaryPrimitives.WriteUInt32LittleEndian(verneed.AsSpan(aux), 0x0b792650u + (uint)i);
            BinaryPrimitives.WriteUInt16LittleEndian(verneed.AsSpan(aux + 6), (ushort)(i + 2));
            BinaryPrimitives.WriteUInt32LittleEndian(verneed.AsSpan(aux + 8), (uint)names[i]);
            BinaryPrimitives.WriteUInt32LittleEndian(verneed.AsSpan(aux + 12), i == versions.Length - 1 ? 0u : 16u);
            flagOffsets[i] = verneedOffset + aux + 4;
        }

        var sectionHeaders = verneedOffset + verneed.Length;
        var bytes = new byte[sectionHeaders + (3 * SectionHeaderSize)];
        bytes[0] = 0x7f;
        "ELF"u8.CopyTo(bytes.AsSpan(1));
        bytes[4] = 2; // ELFCLASS64
        bytes[5] = 1; // little-endian
        bytes[6] = 1;
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(0x28), (ulong)sectionHeaders);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x3A), SectionHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x3C), 3);
        dynstr.CopyTo(bytes, dynstrOffset);
        verneed.CopyTo(bytes, verneedOffset);

        WriteSection(bytes, sectionHeaders + SectionHeaderSize, type: 3, dynstrOffset, dynstr.Length, link: 0, info: 0);
        WriteSection(bytes, sectionHeaders + (2 * SectionHeaderSize), type: 0x6ffffffe, verneedOffset, verneed.Length, link: 1, info: 1);
        return (bytes, flagOffsets);
    }

    private static void WriteSection(byte[] bytes, int at, uint type, int offset, int size, uint link, uint info)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 4), type);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at + 0x18), (ulong)offset);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at + 0x20), (ulong)size);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 0x28), link);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 0x2C), info);
    }
}
