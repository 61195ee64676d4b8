using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;

namespace Contest.Server.Infrastructure.Backups;

/// <summary>Writes a backup archive: a tar of data-directory files, with manifest.json (their hashes) last.</summary>
internal sealed class BackupArchiveWriter : IAsyncDisposable
{
    private readonly TarWriter _tar;
    private readonly List<BackupFile> _files = [];

    public BackupArchiveWriter(Stream output) => _tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);

    /// <summary>Adds <paramref name="source"/> as <paramref name="path"/>; <paramref name="knownSha256"/> skips hashing (a blob's name is its hash).</summary>
    public async Task AddAsync(string path, string source, CancellationToken cancellationToken, string? knownSha256 = null)
    {
        if (!BackupPaths.IsAllowed(path))
            throw new ArgumentException($"'{path}' is not a path a backup holds", nameof(path));
        await using var file = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var sha256 = knownSha256 ?? Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
        file.Position = 0;
        var entry = new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = file, Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        await _tar.WriteEntryAsync(entry, cancellationToken);
        _files.Add(new BackupFile(path, sha256, file.Length));
    }

    /// <summary>Ends the archive with its manifest.</summary>
    public async Task FinishAsync(DateTimeOffset createdAt, string kind, IReadOnlyDictionary<string, int> records, CancellationToken cancellationToken)
    {
        var manifest = new BackupManifest
        {
            CreatedAt = createdAt,
            Kind = kind,
            Records = records,
            BlobCount = _files.Count(f => f.Path.StartsWith("blobs/", StringComparison.Ordinal)),
            Files = [.. _files],
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(manifest, BackupJson.Options);
        var entry = new PaxTarEntry(TarEntryType.RegularFile, BackupManifest.EntryName)
        {
            DataStream = new MemoryStream(json),
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        await _tar.WriteEntryAsync(entry, cancellationToken);
    }

    public ValueTask DisposeAsync() => _tar.DisposeAsync();
}
