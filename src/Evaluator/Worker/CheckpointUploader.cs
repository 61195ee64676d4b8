using Contest.Contracts.Transport;
using Contest.Contracts.V1;
using Contest.Evaluator.Jobs;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Contest.Evaluator.Worker;

/// <summary>
/// Sends each new checkpoint a training job writes to the server while the job runs, so a later
/// attempt (on this worker or another) resumes from it. One upload at a time, in the background; a
/// checkpoint that appears meanwhile waits for the next poll, and only the newest counts. The job's
/// file is untrusted: only a plain file within the size cap is copied (a snapshot, so the job may
/// replace it mid-upload) and sent. A failed upload is logged and retried with the next checkpoint.
/// </summary>
internal sealed partial class CheckpointUploader(WorkerConnection connection, string leaseId, JobDirectory directory, ILogger logger) : IAsyncDisposable
{
    /// <summary>The largest checkpoint sent (the server's artifact cap is 1 GiB by default).</summary>
    public const long MaxBytes = 1L << 30;

    private Task _upload = Task.CompletedTask;
    private DateTime _lastSent = DateTime.MinValue;
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Starts an upload if a newer checkpoint is there and none is under way.</summary>
    public void Poll()
    {
        if (!_upload.IsCompleted)
            return;
        var file = new FileInfo(directory.CheckpointPath);
        if (!file.Exists || file.LinkTarget is not null || file.LastWriteTimeUtc <= _lastSent || file.Length > MaxBytes)
            return;
        _lastSent = file.LastWriteTimeUtc;
        var snapshot = directory.CheckpointPath + $".upload-{Guid.NewGuid():N}";
        try
        {
            File.Copy(directory.CheckpointPath, snapshot);
        }
        catch (IOException)
        {
            return;
        }
        _upload = SendAsync(snapshot);
    }

    private async Task SendAsync(string snapshot)
    {
        try
        {
            var metadata = new ArtifactMetadata
            {
                LeaseId = leaseId,
                Name = "checkpoint",
                SizeBytes = new FileInfo(snapshot).Length,
                Sha256 = await FileHashes.Sha256Async(snapshot, _stop.Token),
                ContentType = "application/zip",
            };
            await WorkerConnection.Retry.ExecuteAsync(async ct =>
            {
                using var call = connection.Workers.UploadCheckpoint(cancellationToken: ct);
                await ChunkedUpload.SendAsync(call, new UploadArtifactRequest { Metadata = metadata }, snapshot,
                    chunk => new UploadArtifactRequest { Chunk = chunk }, progress: null, ct);
            }, _stop.Token);
            LogSent(logger, leaseId, metadata.SizeBytes);
        }
        catch (Exception e) when (e is RpcException or IOException)
        {
            LogNotSent(logger, leaseId, e.Message);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            File.Delete(snapshot);
        }
    }

    /// <summary>Waits for an upload under way (the job's result follows it), or abandons it once the job is stopped.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _upload.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            await _stop.CancelAsync();
        }
        _stop.Dispose();
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Lease {LeaseId}: checkpoint stored on the server ({Bytes} bytes)")]
    private static partial void LogSent(ILogger logger, string leaseId, long bytes);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "Lease {LeaseId}: a checkpoint could not be stored: {Reason}")]
    private static partial void LogNotSent(ILogger logger, string leaseId, string reason);
}
