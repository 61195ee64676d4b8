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
/// The worker side of the job queue: register, lease, heartbeat, fetch inputs, upload, finish. A worker
/// leases for itself only (a worker its team registered), and everything bound to a lease is done
/// only by a worker of the team that holds it (<see cref="LeaseGuard"/>).
/// </summary>
internal sealed class WorkerServiceImpl(
    WorkerRegistry workers,
    JobQueue queue,
    LeaseGuard leases,
    JobSpecBuilder specs,
    JobImages images,
    Identities identities,
    BlobStore blobs,
    ArtifactReceiver artifacts,
    TimeProvider clock,
    IOptions<JobOptions> options) : WorkerService.WorkerServiceBase
{
    private const int MaxWaitSeconds = 30;

    [RequireRole(Role.Worker)]
    public override Task<RegisterWorkerResponse> RegisterWorker(RegisterWorkerRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var info = request.Info ?? new WorkerInfo();
        var now = clock.GetUtcNow().UtcDateTime;
        var record = new WorkerRecord
        {
            Id = Ids.New("wrk"),
            TeamId = caller.TeamId,
            KeyId = caller.KeyId,
            Name = info.Name,
            Device = info.Device,
            Slots = Math.Max(1, info.Slots),
            Host = info.Host,
            ProcessId = info.ProcessId,
            Version = info.Version,
            RegisteredAt = now,
            LastSeenAt = now,
        };
        workers.Register(record);
        return Task.FromResult(new RegisterWorkerResponse
        {
            WorkerId = record.Id,
            HeartbeatSeconds = options.Value.HeartbeatSecondsWithinLease,
            LeaseSeconds = options.Value.LeaseSeconds,
        });
    }

    [RequireRole(Role.Worker)]
    public override async Task<LeaseJobResponse> LeaseJob(LeaseJobRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var worker = workers.Find(request.WorkerId)
            ?? throw RpcErrors.NotFound($"worker '{request.WorkerId}' is not registered; call RegisterWorker first.");
        if (!worker.RegisteredBy(caller))
            throw RpcErrors.PermissionDenied(
                $"worker '{request.WorkerId}' was registered with another key; register your own with RegisterWorker and lease for it.");
        // A stopping server leases nothing; the worker waits and tries again (another server, or this one restarted).
        if (queue.LeasingStopped)
            throw RpcErrors.Unavailable("the server is stopping; lease again once it is back.");
        var wait = TimeSpan.FromSeconds(Math.Clamp(request.WaitSeconds, 0, MaxWaitSeconds));
        var job = await queue.LeaseAsync(worker.Id, [.. request.Kinds], wait, context.CancellationToken);
        if (job is null)
            return new LeaseJobResponse();
        return new LeaseJobResponse
        {
            Assignment = new JobAssignment
            {
                LeaseId = job.LeaseId,
                Attempt = job.Attempts,
                LeaseExpiresAt = ProtoTime.From(job.LeaseExpiresAt),
                // A worker does not own the defense: it reads earlier attempts' outcomes as their category only.
                Job = job.ToProto(identities.Team(job.TeamId), JobView.Outsider),
                Spec = specs.Build(job),
            },
        };
    }

    [RequireRole(Role.Worker)]
    public override Task<HeartbeatResponse> Heartbeat(HeartbeatRequest request, ServerCallContext context)
    {
        var job = leases.Current(request.LeaseId, context.GetCaller()) is null
            ? null
            : queue.Heartbeat(request.LeaseId, WorkerText.Progress(request.Progress));
        if (job is not null)
            return Task.FromResult(new HeartbeatResponse { LeaseExpiresAt = ProtoTime.From(job.LeaseExpiresAt) });
        return Task.FromResult(new HeartbeatResponse
        {
            CancelRequested = true,
            CancelReason = "this lease is no longer current (the job was cancelled, finished, or handed to another worker); stop it.",
        });
    }

    [RequireRole(Role.Worker)]
    public override Task<CompleteJobResponse> CompleteJob(CompleteJobRequest request, ServerCallContext context)
    {
        // Another team's lease is refused here; one no longer current, by the queue, without effect.
        _ = leases.Current(request.LeaseId, context.GetCaller());
        WorkerText.Clean(request);
        var (accepted, message) = queue.Complete(request);
        return Task.FromResult(new CompleteJobResponse { Accepted = accepted, Message = message });
    }

    [RequireRole(Role.Worker)]
    public override Task<FailJobResponse> FailJob(FailJobRequest request, ServerCallContext context)
    {
        _ = leases.Current(request.LeaseId, context.GetCaller());
        var (accepted, message) = queue.Fail(request.LeaseId, WorkerText.Reason(request.Reason), request.Retryable,
            WorkerText.ModelMessage(request.ModelMessage));
        return Task.FromResult(new FailJobResponse { Accepted = accepted, Message = message });
    }

    [RequireRole(Role.Worker)]
    public override Task<ReleaseJobResponse> ReleaseJob(ReleaseJobRequest request, ServerCallContext context)
    {
        _ = leases.Current(request.LeaseId, context.GetCaller());
        var reason = WorkerText.Reason(request.Reason);
        var (accepted, message) = queue.HandBack(request.LeaseId, reason.Length > 0 ? reason : "no reason given");
        return Task.FromResult(new ReleaseJobResponse { Accepted = accepted, Message = message });
    }

    [RequireRole(Role.Worker)]
    public override async Task DownloadBlob(DownloadBlobRequest request, IServerStreamWriter<FileChunk> responseStream, ServerCallContext context)
    {
        var job = leases.Held(request.LeaseId, context.GetCaller());
        if (!JobSpecBuilder.AllowedBlobs(specs.Build(job)).Contains(request.Sha256))
            throw RpcErrors.PermissionDenied($"blob {request.Sha256} is not an input of job {job.Id}.");
        if (!blobs.Exists(request.Sha256))
            throw RpcErrors.NotFound($"blob {request.Sha256} is missing from the server's store.");
        await using var file = blobs.OpenRead(request.Sha256);
        await FileChunkStreamer.SendAsync(file, request.Sha256, request.Offset, responseStream, context.CancellationToken);
    }

    [RequireRole(Role.Worker)]
    public override Task<Artifact> UploadArtifact(IAsyncStreamReader<UploadArtifactRequest> requestStream, ServerCallContext context) =>
        artifacts.ReceiveAsync(requestStream, context.GetCaller(), context.CancellationToken);

    [RequireRole(Role.Worker)]
    public override Task<Artifact> UploadCheckpoint(IAsyncStreamReader<UploadArtifactRequest> requestStream, ServerCallContext context) =>
        artifacts.ReceiveCheckpointAsync(requestStream, context.GetCaller(), context.CancellationToken);

    [RequireRole(Role.Worker)]
    public override Task<ListJobImagesResponse> ListJobImages(ListJobImagesRequest request, ServerCallContext context) =>
        Task.FromResult(images.List(leases.Held(request.LeaseId, context.GetCaller())));

    [RequireRole(Role.Worker)]
    public override async Task DownloadJobImage(DownloadJobImageRequest request, IServerStreamWriter<FileChunk> responseStream, ServerCallContext context)
    {
        var job = leases.Held(request.LeaseId, context.GetCaller());
        var (file, sha256) = images.Open(job, request.Id);
        await using (file)
            await FileChunkStreamer.SendAsync(file, sha256, request.Offset, responseStream, context.CancellationToken);
    }
}
