namespace Contest.Evaluator.Jobs;

/// <summary>
/// Reads files a job process wrote, which a hostile model may have shaped: a link planted to make the
/// host read (or upload) one of its own files is refused, and nothing is read past a size limit.
/// </summary>
internal static class UntrustedFile
{
    /// <summary>The most artifact files one job may leave.</summary>
    public const int MaxArtifacts = 10_000;

    /// <summary>The bytes of a plain file, an explanation of why it was refused, or null when absent.</summary>
    public static (byte[] Bytes, string? Error)? Read(string path, long maxBytes)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
            return ([], "is a link, not a file");
        if (!info.Exists)
            return Directory.Exists(path) ? ([], "is a folder, not a file") : null;
        if (info.Length > maxBytes)
            return ([], $"is {info.Length} bytes, over the limit of {maxBytes}");
        using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Options = FileOptions.None });
        var bytes = new byte[Math.Min(info.Length, maxBytes)];
        var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        return (bytes.AsSpan(0, read).ToArray(), null);
    }

    /// <summary>The last <paramref name="maxBytes"/> of a plain file as text, or null.</summary>
    public static string? ReadTail(string path, int maxBytes)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || !info.Exists)
            return null;
        using var stream = File.OpenRead(path);
        var start = Math.Max(0, stream.Length - maxBytes);
        stream.Seek(start, SeekOrigin.Begin);
        var bytes = new byte[stream.Length - start];
        var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        return System.Text.Encoding.UTF8.GetString(bytes, 0, read);
    }

    /// <summary>Plain files under a folder (links and anything else skipped, folders reached through links not followed).</summary>
    public static IReadOnlyList<(string Name, string Path)> PlainFilesUnder(string root)
    {
        if (!Directory.Exists(root) || new DirectoryInfo(root).LinkTarget is not null)
            return [];
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
            IgnoreInaccessible = true,
            MaxRecursionDepth = 16,
        };
        var files = new List<(string, string)>();
        foreach (var file in new DirectoryInfo(root).EnumerateFiles("*", options))
        {
            if (file.LinkTarget is not null)
                continue;
            if (files.Count == MaxArtifacts)
                throw new InvalidDataException($"the job left more than {MaxArtifacts} artifact files.");
            files.Add((Path.GetRelativePath(root, file.FullName).Replace(Path.DirectorySeparatorChar, '/'), file.FullName));
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return files;
    }
}
