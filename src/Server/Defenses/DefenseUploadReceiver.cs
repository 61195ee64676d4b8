using Contest.Contracts.V1;
using Contest.Core.Models;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Files;
using Contest.Server.Infrastructure.Storage;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Contest.Server.Defenses;

/// <summary>A model file received whole, checked, and stored under its SHA-256.</summary>
internal sealed record ReceivedModel(DefenseUploadMetadata Metadata, string Sha256, long SizeBytes, ModelFileFormat Format);

/// <summary>
/// Receives a streamed defense upload: metadata first, then chunks. Enforces the chunk size and the
/// total cap while streaming, verifies the size and SHA-256 the client claimed, and sniffs the
/// format, all before anything is stored. On any refusal the partial file is deleted.
/// </summary>
internal sealed class DefenseUploadReceiver(BlobStore blobs, IOptions<DefenseOptions> options)
{
    private readonly DefenseOptions _options = options.Value;

    public async Task<ReceivedModel> ReceiveAsync(IAsyncStreamReader<UploadDefenseRequest> requests, CancellationToken cancellationToken)
    {
        if (!await requests.MoveNext(cancellationToken))
            throw RpcErrors.InvalidArgument("empty upload: send the metadata message first, then the file in chunks.");
        if (requests.Current.PayloadCase != UploadDefenseRequest.PayloadOneofCase.Metadata)
            throw RpcErrors.InvalidArgument("the first message of an upload must carry the metadata (name, size, SHA-256), not a chunk.");
        var metadata = requests.Current.Metadata;
        CheckMetadata(metadata);

        await using var upload = blobs.BeginUpload();
        await ChunkReceiver.ReceiveAsync(requests, ChunkOf, upload, metadata.SizeBytes, _options.MaxUploadBytes, "model files", cancellationToken);

        if (upload.Length != metadata.SizeBytes)
            throw RpcErrors.InvalidArgument(
                $"truncated upload: received {upload.Length} of the {metadata.SizeBytes} bytes announced; nothing was stored. Upload the file again.");
        var sha256 = upload.Complete();
        if (sha256 != metadata.Sha256.ToLowerInvariant())
            throw RpcErrors.InvalidArgument(
                $"SHA-256 mismatch: the bytes received hash to {sha256}, the metadata claimed {metadata.Sha256}; the file was corrupted in transit or changed. Nothing was stored.");

        var sniff = ModelFormatSniffer.Sniff(upload.Content);
        if (!sniff.Accepted)
            throw RpcErrors.InvalidArgument($"'{DisplayName(metadata)}' is not accepted: {sniff.Refusal}");
        if (sniff.Format == ModelFileFormat.Native)
            throw RpcErrors.InvalidArgument(
                $"'{DisplayName(metadata)}' is not accepted: native models are made by the server's reference training; upload TorchScript or ONNX. " +
                ModelFormatSniffer.ExportHint);

        upload.Commit();
        return new ReceivedModel(metadata, sha256, upload.Length, sniff.Format!.Value);
    }

    private static Google.Protobuf.ByteString ChunkOf(UploadDefenseRequest message) =>
        message.PayloadCase == UploadDefenseRequest.PayloadOneofCase.Chunk
            ? message.Chunk
            : throw RpcErrors.InvalidArgument("metadata may only be sent once, as the first message.");

    private void CheckMetadata(DefenseUploadMetadata metadata)
    {
        if (string.IsNullOrWhiteSpace(metadata.Name))
            throw RpcErrors.InvalidArgument("a defense needs a name (metadata.name).");
        if (metadata.Name.Length > 100)
            throw RpcErrors.InvalidArgument($"a defense name has at most 100 characters; this one has {metadata.Name.Length}.");
        if (metadata.Description.Length > 4000)
            throw RpcErrors.InvalidArgument("a description has at most 4000 characters.");
        if (metadata.SizeBytes <= 0)
            throw RpcErrors.InvalidArgument("metadata.size_bytes must give the file's size in bytes.");
        if (metadata.SizeBytes > _options.MaxUploadBytes)
            throw RpcErrors.ResourceExhausted(
                $"the file has {metadata.SizeBytes} bytes; the server accepts model files up to {_options.MaxUploadBytes} bytes.");
        if (!Sha256Text.IsValid(metadata.Sha256.ToLowerInvariant()))
            throw RpcErrors.InvalidArgument("metadata.sha256 must be the file's SHA-256 as 64 hex characters.");
        if (metadata.HasDeclaredThreshold && !float.IsFinite(metadata.DeclaredThreshold))
            throw RpcErrors.InvalidArgument("a declared threshold must be a finite number.");
    }

    private static string DisplayName(DefenseUploadMetadata metadata) =>
        string.IsNullOrEmpty(metadata.FileName) ? metadata.Name : metadata.FileName;
}
