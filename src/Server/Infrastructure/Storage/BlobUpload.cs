using System.Security.Cryptography;

namespace Contest.Server.Infrastructure.Storage;

/// <summary>A blob being written: hashed as it streams, stored only on <see cref="Commit"/>.</summary>
internal sealed class BlobUpload : IAsyncDisposable
{
    private readonly BlobStore _store;
    private readonly string _tempPath;
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? _sha256;
    private bool _committed;

    internal BlobUpload(BlobStore store, string tempPath)
    {
        _store = store;
        _tempPath = tempPath;
        _file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true);
    }

    /// <summary>Bytes written so far.</summary>
    public long Length { get; private set; }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (_sha256 is not null)
            throw new InvalidOperationException("the upload is complete; no more writes");
        _hash.AppendData(data.Span);
        await _file.WriteAsync(data, cancellationToken);
        Length += data.Length;
    }

    /// <summary>
    /// Ends writing and returns the SHA-256 of everything written (the same value on every call).
    /// </summary>
    public string Complete()
    {
        if (_sha256 is null)
        {
            _file.Flush(flushToDisk: true);
            _sha256 = Convert.ToHexStringLower(_hash.GetHashAndReset());
        }
        return _sha256;
    }

    /// <summary>The written bytes, readable and seekable (for checks before committing).</summary>
    public Stream Content
    {
        get
        {
            Complete();
            _file.Position = 0;
            return _file;
        }
    }

    /// <summary>Moves the file into the store under its hash and returns the hash.</summary>
    public string Commit()
    {
        var sha256 = Complete();
        _file.Dispose();
        _store.MoveIntoPlace(_tempPath, sha256);
        _committed = true;
        return sha256;
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync();
        _hash.Dispose();
        if (!_committed && File.Exists(_tempPath))
            File.Delete(_tempPath);
    }
}
