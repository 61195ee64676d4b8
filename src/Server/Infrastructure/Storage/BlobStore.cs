using System.Security.Cryptography;

namespace Contest.Server.Infrastructure.Storage;

/// <summary>
/// Files stored by content: blobs/sha256/&lt;first two hex&gt;/&lt;sha256&gt; under the data directory.
/// Every blob is written to a temporary file, flushed to disk and then renamed into place, so a
/// path that exists always holds a whole file whose name is its hash.
/// </summary>
internal sealed class BlobStore
{
    private readonly string _root;
    private readonly string _temp;

    public BlobStore(string dataDirectory)
    {
        _root = Path.Combine(dataDirectory, "blobs", "sha256");
        _temp = Path.Combine(dataDirectory, "tmp");
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(_temp);
    }

    /// <summary>Removes temporary files left by uploads that never finished (a crash, a kill).</summary>
    public int DeleteAbandonedTemporaryFiles()
    {
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(_temp))
        {
            File.Delete(file);
            count++;
        }
        return count;
    }

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    /// <summary>Opens a stored blob for reading.</summary>
    public FileStream OpenRead(string sha256) =>
        new(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);

    /// <summary>Starts a streamed write; nothing is visible until <see cref="BlobUpload.Commit"/>.</summary>
    public BlobUpload BeginUpload() => new(this, Path.Combine(_temp, $"{Guid.NewGuid():N}.part"));

    /// <summary>Stores a small blob held in memory; returns its SHA-256.</summary>
    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await using var upload = BeginUpload();
        await upload.WriteAsync(content, cancellationToken);
        return upload.Commit();
    }

    /// <summary>Stores a small blob synchronously (inside a database transaction, say); returns its SHA-256.</summary>
    public string Put(ReadOnlySpan<byte> content)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        if (Exists(sha256) && TryTouch(PathOf(sha256)))
            return sha256;
        var temp = Path.Combine(_temp, $"{Guid.NewGuid():N}.part");
        using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(content);
            file.Flush(flushToDisk: true);
        }
        MoveIntoPlace(temp, sha256);
        return sha256;
    }

    /// <summary>The path of a blob; refuses anything that is not a lowercase hex SHA-256.</summary>
    public string PathOf(string sha256)
    {
        if (!Sha256Text.IsValid(sha256))
            throw new ArgumentException($"'{sha256}' is not a lowercase hex SHA-256", nameof(sha256));
        return Path.Combine(_root, sha256[..2], sha256);
    }

    /// <summary>Every stored blob: its SHA-256, path and when it was last stored.</summary>
    public IEnumerable<(string Sha256, string Path, DateTime WrittenUtc)> All()
    {
        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            var name = System.IO.Path.GetFileName(file);
            if (Sha256Text.IsValid(name))
                yield return (name, file, File.GetLastWriteTimeUtc(file));
        }
    }

    /// <summary>Deletes a stored blob (the collector, for blobs no record names).</summary>
    public void Delete(string sha256) => File.Delete(PathOf(sha256));

    internal void MoveIntoPlace(string tempPath, string sha256)
    {
        var target = PathOf(sha256);
        if (File.Exists(target) && TryTouch(target))
        {
            // Same content is already stored; keep the existing file, made fresh again so the
            // collector's grace period covers the record about to name it.
            File.Delete(tempPath);
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(tempPath, target, overwrite: true);
    }

    private static bool TryTouch(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            return true;
        }
        catch (FileNotFoundException)
        {
            // Collected in between: the caller stores it again.
            return false;
        }
    }
}
