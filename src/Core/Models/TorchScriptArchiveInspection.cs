using System.IO.Compression;
using System.Text;

namespace Contest.Core.Models;

/// <summary>
/// Inspects a TorchScript archive as hostile input: the end records are checked before the
/// directory is parsed, entry names must be plain relative paths, no name may appear twice (libtorch
/// looks entries up ignoring case), the sizes the archive declares are bounded, and the code is
/// unpacked under byte budgets whatever the archive declares. Every Python source file
/// (<c>&lt;archive&gt;/code/**.py</c>, the code libtorch compiles at load time) then goes through
/// <see cref="TorchScriptCodeRules"/>. Other entries (tensors, pickles, extra/ files) are never
/// unpacked, but Python source outside code/ is refused: nothing legitimate puts it there.
/// </summary>
internal static class TorchScriptArchiveInspection
{
    /// <summary>Most entries an archive may have (a large scripted network has a few thousand).</summary>
    public const int MaxEntries = 20_000;

    /// <summary>Largest central directory read (about 100 bytes an entry in real archives).</summary>
    public const long MaxDirectoryBytes = 4 << 20;

    /// <summary>Most bytes all entries together may declare when unpacked (libtorch allocates what they declare).</summary>
    public const long MaxDeclaredBytes = 4L << 30;

    /// <summary>Most bytes one code file may unpack to (real ones hold kilobytes).</summary>
    public const int MaxCodeFileBytes = 1 << 20;

    /// <summary>Most bytes all code files together may unpack to.</summary>
    public const long MaxCodeBytes = 8 << 20;

    private const string Resave = " Save the model again with torch.jit.save and upload the file it writes.";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ModelInspectionResult Inspect(Stream stream)
    {
        if (ZipDirectorySize.Read(stream) is not { } size)
            return Refuse("the archive has no readable ZIP directory." + Resave);
        if (size.Entries > MaxEntries)
            return Refuse($"the archive declares {size.Entries} entries; TorchScript models have far fewer (at most {MaxEntries} are accepted).");
        if (size.Bytes > MaxDirectoryBytes)
            return Refuse($"the archive's directory declares {size.Bytes} bytes; at most {MaxDirectoryBytes} are accepted.");

        try
        {
            stream.Position = 0;
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            return InspectEntries(zip.Entries);
        }
        catch (InvalidDataException e)
        {
            return Refuse($"the archive is corrupt ({e.Message})." + Resave);
        }
    }

    private static ModelInspectionResult InspectEntries(IReadOnlyCollection<ZipArchiveEntry> entries)
    {
        if (entries.Count > MaxEntries)
            return Refuse($"the archive has {entries.Count} entries; at most {MaxEntries} are accepted.");

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        long declared = 0;
        foreach (var entry in entries)
        {
            var name = entry.FullName;
            if (OddName(name) is { } odd)
                return Refuse($"the archive has an entry named `{Printable(name)}`, {odd}; a saved TorchScript model never does." + Resave);
            if (!seen.Add(name))
                return Refuse($"the archive has two entries named `{Printable(name)}` (ignoring case): which one libtorch reads is not defined." + Resave);
            declared += entry.Length;
            if (declared > MaxDeclaredBytes)
                return Refuse($"the archive's entries declare more than {MaxDeclaredBytes} bytes when unpacked; at most {MaxDeclaredBytes} are accepted.");
        }

        long budget = MaxCodeBytes;
        foreach (var entry in entries.Where(e => e.FullName.EndsWith(".py", StringComparison.OrdinalIgnoreCase)))
        {
            var result = InspectCode(entry, ref budget);
            if (result.Refused)
                return result;
        }
        return ModelInspectionResult.Fine;
    }

    private static ModelInspectionResult InspectCode(ZipArchiveEntry entry, ref long budget)
    {
        var name = entry.FullName;
        var segments = name.Split('/');
        if (segments.Length < 3 || !segments[1].Equals("code", StringComparison.OrdinalIgnoreCase))
            return Refuse($"the archive holds Python source outside code/ (`{Printable(name)}`); libtorch never runs it, and a model has no use for it. Remove it and save the model again.");
        if (entry.Length > MaxCodeFileBytes)
            return Refuse($"`{Printable(name)}` declares {entry.Length} bytes of code; at most {MaxCodeFileBytes} are accepted per file.");

        var limit = (int)Math.Min(MaxCodeFileBytes, budget);
        using var code = ReadAtMost(entry, limit);
        if (code is null)
            return Refuse(budget < MaxCodeFileBytes
                ? $"the archive's code unpacks to more than {MaxCodeBytes} bytes in all (stopped at `{Printable(name)}`), far more than any model needs."
                : $"`{Printable(name)}` unpacks to more than {MaxCodeFileBytes} bytes, although it declares {entry.Length}: the archive is malformed or a ZIP bomb.");
        var bytes = code.GetBuffer().AsSpan(0, (int)code.Length);
        budget -= bytes.Length;
        if (ZipCrc32.Compute(bytes) != entry.Crc32)
            return Refuse($"`{Printable(name)}` does not match its checksum: the archive is corrupt or was edited by hand." + Resave);

        string source;
        try
        {
            source = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Refuse($"`{Printable(name)}` is not UTF-8 text; TorchScript code always is." + Resave);
        }

        if (TorchScriptCodeRules.Check(TorchScriptLexer.Tokenize(source)) is { } finding)
            return Refuse($"the model's code uses `{finding.Reference}` ({Printable(name)}, line {finding.Line}): {finding.Why} " +
                          "Remove it from the model and export it again.");
        return ModelInspectionResult.Fine;
    }

    // Unpacks at most limit bytes; null when the entry holds more. The buffer starts at the declared
    // size capped by the limit and stops one byte past the limit, whatever the archive declares.
    private static MemoryStream? ReadAtMost(ZipArchiveEntry entry, int limit)
    {
        using var input = entry.Open();
        var output = new MemoryStream((int)Math.Min(entry.Length, limit));
        var chunk = new byte[81920];
        int read;
        while ((read = input.Read(chunk, 0, (int)Math.Min(chunk.Length, limit + 1L - output.Length))) > 0)
        {
            output.Write(chunk, 0, read);
            if (output.Length > limit)
            {
                output.Dispose();
                return null;
            }
        }
        return output;
    }

    private static string? OddName(string name)
    {
        if (name.Length == 0)
            return "an empty name";
        if (name[0] is '/' or '\\' || (name.Length > 1 && name[1] == ':'))
            return "an absolute path";
        if (name.Contains('\\', StringComparison.Ordinal))
            return "with a backslash";
        if (name.Any(char.IsControl))
            return "with control characters";
        if (name.Split('/').Any(s => s is ".." or "."))
            return "a path with `.` or `..` in it";
        return null;
    }

    private static string Printable(string name)
    {
        var printable = new string(name.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return printable.Length > 200 ? printable[..200] + "..." : printable;
    }

    private static ModelInspectionResult Refuse(string reason) => ModelInspectionResult.Refuse(reason);
}
