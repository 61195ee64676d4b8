using Contest.Contracts.V1;
using Contest.Server.Errors;
using Contest.Server.Hosting;
using Contest.Server.Jobs;
using Contest.Server.Storage;
using Contest.Server.Storage.Records;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Contest.Server.Services.Workers;

/// <summary>Stores a job's artifact streamed by its worker, checked like any upload, and attaches it to the job.</summary>
internal sealed class ArtifactReceiver(ContestDatabase db, BlobStore blobs, JobQueue queue, IOptions<ContestServerOptions> options)
{
    public async Task<Artifact> ReceiveAsync(IAsyncStreamReader<UploadArtifactRequest> requests, CancellationToken cancellationToken)
    {
        if (!await requests.MoveNext(cancellationToken) || requests.Current.PayloadCase != UploadArtifactRequest.PayloadOneofCase.Metadata)
            throw RpcErrors.InvalidArgument("send the artifact's metadata first.");
        var metadata = requests.Current.Metadata;
        if (!IsSafeName(metadata.Name))
            throw RpcErrors.InvalidArgument($"artifact name '{metadata.Name}' must be a relative path of letters, digits, '.', '_', '-' and '/'.");
        if (queue.CurrentLease(metadata.LeaseId) is null)
            throw RpcErrors.FailedPrecondition("this lease is no longer current.");

        await using var upload = blobs.BeginUpload();
        while (await requests.MoveNext(cancellationToken))
        {
            var chunk = requests.Current.Chunk;
            if (chunk.Length > options.Value.MaxChunkBytes)
                throw RpcErrors.InvalidArgument("artifact chunks are at most 1 MiB.");
            if (upload.Length + chunk.Length > options.Value.MaxUploadBytes)
                throw RpcErrors.ResourceExhausted("artifact too large.");
            await upload.WriteAsync(chunk.Memory, cancellationToken);
        }
        var sha256 = upload.Complete();
        if (upload.Length != metadata.SizeBytes || sha256 != metadata.Sha256)
            throw RpcErrors.InvalidArgument($"artifact '{metadata.Name}' arrived damaged (size or SHA-256 differs from its metadata).");
        upload.Commit();

        var state = new ArtifactState { Name = metadata.Name, Sha256 = sha256, SizeBytes = metadata.SizeBytes, ContentType = metadata.ContentType };
        var attached = db.Write(() =>
        {
            var job = queue.CurrentLease(metadata.LeaseId);
            if (job is null)
                return false;
            job.Artifacts.RemoveAll(a => a.Name == state.Name);
            job.Artifacts.Add(state);
            db.Jobs.Update(job);
            return true;
        });
        if (!attached)
            throw RpcErrors.FailedPrecondition("this lease lapsed while the artifact was uploading.");
        return new Artifact { Name = state.Name, Sha256 = sha256, SizeBytes = state.SizeBytes, ContentType = state.ContentType };
    }

    private static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 200 && !name.StartsWith('/') && !name.Contains("..", StringComparison.Ordinal) &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/');
}
