using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;

namespace Contest.Server.Infrastructure.Backups;

/// <summary>
/// Reads a backup archive as untrusted: only the paths a backup holds, every file's SHA-256 checked
/// against the manifest, no file missing and none extra.
/// </summary>
internal static class BackupArchiveReader
{
    /// <summary>
    /// Extracts <paramref name="archive"/> into <paramref name="directory"/> (which must hold none of
    /// its files) and checks it; on any failure removes what it wrote and throws <see cref="BackupInvalidException"/>.
    /// </summary>
    public static BackupManifest ExtractAll(string archive, string directory) =>
        Extract(archive, directory, _ => true, verifyAll: true);

    /// <summary>Extracts only contest.db to <paramref name="databasePath"/>, checked against the manifest.</summary>
    public static BackupManifest ExtractDatabase(string archive, string databasePath)
    {
        var directory = Path.Combine(Path.GetDirectoryName(databasePath)!, "tmp", $"restore-{Guid.NewGuid():N}");
        try
        {
            var manifest = Extract(archive, directory, p => p == BackupPaths.Database, verifyAll: false);
            File.Move(Path.Combine(directory, BackupPaths.Database), databasePath, overwrite: true);
            return manifest;
        }
        finally
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }

    private static BackupManifest Extract(string archive, string directory, Func<string, bool> wanted, bool verifyAll)
    {
        var written = new Dictionary<string, (string Sha256, long Bytes)>(StringComparer.Ordinal);
        BackupManifest? manifest = null;
        try
        {
            using (var stream = File.OpenRead(archive))
            using (var tar = new TarReader(stream))
            {
                while (tar.GetNextEntry() is { } entry)
                {
                    var path = entry.Name;
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !BackupPaths.IsAllowed(path))
                        throw new BackupInvalidException($"{archive} holds '{path}', which no backup holds: it is not a contest backup.");
                    if (path == BackupManifest.EntryName)
                    {
                        manifest = ReadManifest(archive, entry);
                        continue;
                    }
                    if (!wanted(path) || entry.DataStream is null)
                        continue;
                    if (written.ContainsKey(path))
                        throw new BackupInvalidException($"{archive} holds '{path}' twice.");
                    written[path] = WriteChecked(entry.DataStream, Path.Combine(directory, path));
                }
            }
            if (manifest is null)
                throw new BackupInvalidException($"{archive} has no {BackupManifest.EntryName}: it is incomplete or not a contest backup.");
            Verify(archive, manifest, written, verifyAll ? _ => true : wanted);
            return manifest;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            RemoveWritten(directory, written.Keys);
            throw new BackupInvalidException($"{archive} is not a readable tar archive ({e.Message}).");
        }
        catch
        {
            RemoveWritten(directory, written.Keys);
            throw;
        }
    }

    private static BackupManifest ReadManifest(string archive, TarEntry entry)
    {
        try
        {
            var manifest = entry.DataStream is null ? null : JsonSerializer.Deserialize<BackupManifest>(entry.DataStream, BackupJson.Options);
            if (manifest is null || manifest.Format != BackupManifest.CurrentFormat)
                throw new BackupInvalidException($"{archive}: manifest format {manifest?.Format} is not {BackupManifest.CurrentFormat}, the one this server reads.");
            return manifest;
        }
        catch (JsonException e)
        {
            throw new BackupInvalidException($"{archive}: {BackupManifest.EntryName} is not valid ({e.Message}).");
        }
    }

    private static (string Sha256, long Bytes) WriteChecked(Stream data, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
            throw new BackupInvalidException($"{target} already exists; a backup is restored into an empty data directory only.");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var output = new FileStream(target, options))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = data.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                output.Write(buffer, 0, read);
                bytes += read;
            }
            output.Flush(flushToDisk: true);
        }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), bytes);
    }

    private static void Verify(string archive, BackupManifest manifest, Dictionary<string, (string Sha256, long Bytes)> written, Func<string, bool> expected)
    {
        var listed = manifest.Files.Where(f => expected(f.Path)).ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var file in listed.Values)
        {
            if (!written.TryGetValue(file.Path, out var actual))
                throw new BackupInvalidException($"{archive} lacks {file.Path}, which its manifest lists: the archive is incomplete.");
            if (actual.Sha256 != file.Sha256 || actual.Bytes != file.Bytes)
                throw new BackupInvalidException(
                    $"{archive}: {file.Path} does not match its manifest (SHA-256 {actual.Sha256}, {actual.Bytes} bytes; " +
                    $"expected {file.Sha256}, {file.Bytes} bytes): the archive is damaged.");
        }
        var extra = written.Keys.FirstOrDefault(p => !listed.ContainsKey(p));
        if (extra is not null)
            throw new BackupInvalidException($"{archive} holds {extra}, which its manifest does not list.");
        if (!listed.ContainsKey(BackupPaths.Database))
            throw new BackupInvalidException($"{archive} holds no {BackupPaths.Database}.");
    }

    private static void RemoveWritten(string directory, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            try
            {
                File.Delete(Path.Combine(directory, path));
            }
            catch (IOException)
            {
                // Best effort; the caller reports the real failure.
            }
        }
    }
}
