using System.Security.Cryptography;

namespace Contest.Contracts.Transport;

/// <summary>SHA-256 of files, as the API names blobs and checks transfers: lowercase hex.</summary>
public static class FileHashes
{
    /// <summary>The file's SHA-256 as 64 lowercase hex characters.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
