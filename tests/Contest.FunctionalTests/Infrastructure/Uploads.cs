using System.Security.Cryptography;
using Contest.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Contest.FunctionalTests.Infrastructure;

/// <summary>Streams defense uploads the way a client does, or deliberately wrongly.</summary>
internal static class Uploads
{
    public static async Task<Defense> UploadAsync(DefenseService.DefenseServiceClient client, string path, string name, bool open = true) =>
        await UploadBytesAsync(client, File.ReadAllBytes(path), name, open);

    /// <summary>
    /// Sends <paramref name="content"/> in chunks, announcing <paramref name="claimedSize"/> and
    /// <paramref name="claimedSha256"/> (by default the truth).
    /// </summary>
    public static async Task<Defense> UploadBytesAsync(DefenseService.DefenseServiceClient client, byte[] content, string name,
        bool open = true, long? claimedSize = null, string? claimedSha256 = null, int chunkBytes = 1 << 20)
    {
        using var call = client.UploadDefense();
        var metadata = new DefenseUploadMetadata
        {
            Name = name,
            Open = open,
            SizeBytes = claimedSize ?? content.Length,
            Sha256 = claimedSha256 ?? Convert.ToHexStringLower(SHA256.HashData(content)),
            FileName = name,
        };
        try
        {
            await call.RequestStream.WriteAsync(new UploadDefenseRequest { Metadata = metadata });
            for (var offset = 0; offset < content.Length; offset += chunkBytes)
            {
                var length = Math.Min(chunkBytes, content.Length - offset);
                await call.RequestStream.WriteAsync(new UploadDefenseRequest { Chunk = ByteString.CopyFrom(content, offset, length) });
            }
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // The server answered early (a refusal); the response below carries its status.
        }
        return await call.ResponseAsync;
    }

    /// <summary>Files in the data directory's blob store and temp folder.</summary>
    public static (int Blobs, int Temporary) CountFiles(string dataDirectory)
    {
        var blobs = Path.Combine(dataDirectory, "blobs");
        var temp = Path.Combine(dataDirectory, "tmp");
        return (
            Directory.Exists(blobs) ? Directory.GetFiles(blobs, "*", SearchOption.AllDirectories).Length : 0,
            Directory.Exists(temp) ? Directory.GetFiles(temp).Length : 0);
    }
}
