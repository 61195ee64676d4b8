// Compiled by MSBuild's RoslynCodeTaskFactory (see TorchSharpRepair.targets) and, unchanged,
// by the Evaluator tests, so the build step and its tests exercise the same code.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// MSBuild task: marks a symbol-version requirement (for example GLIBCXX_3.4.32) of an ELF64 shared
/// library as weak, so the dynamic loader notes a missing version instead of refusing the library.
/// The file is rewritten through a temporary copy and a rename, so a hard link into the NuGet cache
/// is never modified in place.
/// </summary>
public sealed class MarkGlibcxxVersionWeak : Microsoft.Build.Utilities.Task
{
    /// <summary>The shared libraries to repair.</summary>
    [Required]
    public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The version name whose requirement becomes weak.</summary>
    [Required]
    public string VersionName { get; set; } = "";

    public override bool Execute()
    {
        foreach (var item in Libraries)
        {
            var path = item.ItemSpec;
            try
            {
                var bytes = File.ReadAllBytes(path);
                var outcome = ElfVersionNeedPatcher.MarkWeak(bytes, VersionName);
                if (outcome == ElfPatchOutcome.Patched)
                {
                    var temp = path + ".repair.tmp";
                    File.WriteAllBytes(temp, bytes);
                    // Unlink first: replacing the directory entry never writes through a hard link.
                    File.Delete(path);
                    File.Move(temp, path);
                    Log.LogMessage(MessageImportance.Normal, "TorchSharp repair: marked {0} weak in {1}", VersionName, path);
                }
                else
                {
                    Log.LogMessage(MessageImportance.Low, "TorchSharp repair: {0}: {1}", path, outcome);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                Log.LogError("TorchSharp repair failed for {0}: {1}", path, e.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }
}

/// <summary>What <see cref="ElfVersionNeedPatcher.MarkWeak"/> did to a file.</summary>
public enum ElfPatchOutcome
{
    /// <summary>The requirement was found and its flag set; the bytes changed.</summary>
    Patched,
    /// <summary>The requirement was already weak; nothing changed.</summary>
    AlreadyWeak,
    /// <summary>The library does not require that version; nothing changed.</summary>
    NotRequired,
}

/// <summary>
/// Edits the SHT_GNU_verneed table of a little-endian ELF64 file in memory. Only the two-byte
/// vna_flags field of the matching Vernaux entry changes.
/// </summary>
public static class ElfVersionNeedPatcher
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>Sets VER_FLG_WEAK on every requirement named <paramref name="versionName"/>.</summary>
    public static ElfPatchOutcome MarkWeak(byte[] elf, string versionName)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("only little-endian ELF64 files are supported");

        var sectionHeaders = (long)ReadU64(elf, 0x28);
        int headerSize = ReadU16(elf, 0x3A);
        int sectionCount = ReadU16(elf, 0x3C);
        if (sectionHeaders <= 0 || headerSize < 64 || sectionHeaders + (long)headerSize * sectionCount > elf.Length)
            throw new InvalidDataException("section header table is missing or out of bounds");

        var outcome = ElfPatchOutcome.NotRequired;
        for (var s = 0; s < sectionCount; s++)
        {
            var header = (int)(sectionHeaders + (long)s * headerSize);
            if (ReadU32(elf, header + 4) != ShtGnuVerneed)
                continue;
            var tableOffset = (int)ReadU64(elf, header + 0x18);
            var stringSection = (int)ReadU32(elf, header + 0x28);
            var entryCount = (int)ReadU32(elf, header + 0x2C);
            var stringsHeader = (int)(sectionHeaders + (long)stringSection * headerSize);
            var stringsOffset = (int)ReadU64(elf, stringsHeader + 0x18);

            var need = tableOffset;
            for (var n = 0; n < entryCount; n++)
            {
                int auxCount = ReadU16(elf, need + 2);
                var aux = need + (int)ReadU32(elf, need + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    var name = ReadCString(elf, stringsOffset + (int)ReadU32(elf, aux + 8));
                    if (name == versionName)
                    {
                        var flags = ReadU16(elf, aux + 4);
                        if ((flags & VerFlgWeak) != 0)
                        {
                            if (outcome == ElfPatchOutcome.NotRequired)
                                outcome = ElfPatchOutcome.AlreadyWeak;
                        }
                        else
                        {
                            WriteU16(elf, aux + 4, (ushort)(flags | VerFlgWeak));
                            outcome = ElfPatchOutcome.Patched;
                        }
                    }
                    aux += (int)ReadU32(elf, aux + 12);
                }
                need += (int)ReadU32(elf, need + 12);
            }
        }
        return outcome;
    }

    private static ushort ReadU16(byte[] b, int at) => (ushort)(b[at] | (b[at + 1] << 8));

    private static uint ReadU32(byte[] b, int at) => (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));

    private static ulong ReadU64(byte[] b, int at) => ReadU32(b, at) | ((ulong)ReadU32(b, at + 4) << 32);

    private static void WriteU16(byte[] b, int at, ushort value)
    {
        b[at] = (byte)value;
        b[at + 1] = (byte)(value >> 8);
    }

    private static string ReadCString(byte[] b, int at)
    {
        var end = Array.IndexOf(b, (byte)0, at);
        if (end < 0)
            throw new InvalidDataException("unterminated string in the dynamic string table");
        return Encoding.ASCII.GetString(b, at, end - at);
    }
}
