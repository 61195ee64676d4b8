using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Files;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Contest.Server.Workers;

/// <summary>
/// Stores what the worker holding a job's lease streams, checked like any upload: an artifact, which
/// is attached to the job, or a training job's checkpoint, which the job's next attempt resumes from.
/// </summary>
internal sealed class ArtifactReceiver(BlobStore blobs, JobQueue queue, LeaseGuard leases, IOptions<JobOptions> limits)
{
    public async Task<Artifact> ReceiveAsync(IAsyncStreamReader<UploadArtifactRequest> requests, Caller caller, CancellationToken cancellationToken)
    {
        if (!await requests.MoveNext(cancellationToken) || requests.Current.PayloadCase != UploadArtifactRequest.PayloadOneofCase.Metadata)
            throw RpcErrors.InvalidArgument("send the artifact's metadata first.");
        var metadata = requests.Current.Metadata;
        if (!IsSafeName(metadata.Name))
            throw RpcErrors.InvalidArgument($"artifact name '{metadata.Name}' must be a relative path of letters, digits, '.', '_', '-' and '/'.");
        var job = leases.Held(metadata.LeaseId, caller);
        // Refused before a byte is stored: the job's caps on artifacts (count, total bytes) hold.
        var kept = job.Artifacts.Where(a => a.Name != metadata.Name).ToList();
        if (ArtifactCaps.Refusal(kept, Math.Max(0, metadata.SizeBytes), limits.Value) is { } early)
            throw RpcErrors.ResourceExhausted($"artifact '{metadata.Name}' refused: {early.Message}");

        await using var upload = blobs.BeginUpload();
        await ChunkReceiver.ReceiveAsync(requests, ChunkOf, upload, metadata.SizeBytes, ArtifactCaps.RoomFor(kept, limits.Value), "artifacts", cancellationToken);
        var sha256 = upload.Complete();
        if (upload.Length != metadata.SizeBytes || sha256 != metadata.Sha256)
            throw RpcErrors.InvalidArgument($"artifact '{metadata.Name}' arrived damaged (size or SHA-256 differs from its metadata).");
        upload.Commit();

        var state = new ArtifactState { Name = metadata.Name, Sha256 = sha256, SizeBytes = metadata.SizeBytes, ContentType = metadata.ContentType };
        // Checked again as it is attached: another upload for the same job may have finished meanwhile.
        switch (queue.AttachArtifact(metadata.LeaseId, state))
        {
            case { LeaseLapsed: true } lapsed:
                throw RpcErrors.FailedPrecondition(lapsed.Message);
            case { } refusal:
                throw RpcErrors.ResourceExhausted($"artifact '{metadata.Name}' refused: {refusal.Message}");
        }
        return state.ToProto();
    }

    /// <summary>
    /// A training job's checkpoint: stored as a blob and named on the job (replacing the one before), so
    /// the blob collector keeps it and a later attempt's spec carries it.
    /// </summary>
    public async Task<Artifact> ReceiveCheckpointAsync(IAsyncStreamReader<UploadArtifactRequest> requests, Caller caller, CancellationToken cancellationToken)
    {
        if (!await requests.MoveNext(cancellationToken) || requests.Current.PayloadCase != UploadArtifactRequest.PayloadOneofCase.Metadata)
            throw RpcErrors.InvalidArgument("send the checkpoint's metadata first.");
        var metadata = requests.Current.Metadata;
        var job = leases.Held(metadata.LeaseId, caller);
        if (!CheckpointedJobs.Keep(job.Kind))
            throw RpcErrors.FailedPrecondition($"job {job.Id} is not a training job or an analysis; only those keep checkpoints.");
        var cap = limits.Value.MaxArtifactBytes;
        if (metadata.SizeBytes > cap)
            throw RpcErrors.ResourceExhausted($"a checkpoint may be at most {cap >> 20} MiB; this one is {metadata.SizeBytes >> 20} MiB.");

        await using var upload = blobs.BeginUpload();
        await ChunkReceiver.ReceiveAsync(requests, ChunkOf, upload, metadata.SizeBytes, cap, "checkpoints", cancellationToken);
        var sha256 = upload.Complete();
        if (upload.Length != metadata.SizeBytes || sha256 != metadata.Sha256)
            throw RpcErrors.InvalidArgument("the checkpoint arrived damaged (size or SHA-256 differs from its metadata).");
        upload.Commit();
        if (!queue.RecordCheckpoint(metadata.LeaseId, sha256))
            throw RpcErrors.FailedPrecondition($"the lease on job {job.Id} is no longer current; the checkpoint was not recorded.");
        return new Artifact { Name = "checkpoint", Sha256 = sha256, SizeBytes = metadata.SizeBytes, ContentType = "application/zip" };
    }

    private static Google.Protobuf.ByteString ChunkOf(UploadArtifactRequest message) =>
        message.PayloadCase == UploadArtifactRequest.PayloadOneofCase.Chunk
            ? message.Chunk
            : throw RpcErrors.InvalidArgument("metadata may only be sent once, as the first message.");

    private static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 200 && !name.StartsWith('/') && !name.Contains("..", StringComparison.Ordinal) &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/');
}
