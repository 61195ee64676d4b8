using Contest.Contracts.Transport;
using Contest.Contracts.V1;
using Polly;

namespace Contest.Evaluator.Worker;

/// <summary>The worker's channel to the server, authenticated with its worker token.</summary>
internal sealed class WorkerConnection : IDisposable
{
    // A job's result carries every image's logits for every attack, well past gRPC's 4 MiB default.
    private const int MaxMessageBytes = 64 << 20;

    private readonly ContestChannel _channel;

    public WorkerConnection(string server, string token)
    {
        _channel = new ContestChannel(server, token, MaxMessageBytes);
        Workers = new WorkerService.WorkerServiceClient(_channel.Invoker);
        Datasets = new DatasetService.DatasetServiceClient(_channel.Invoker);
    }

    public WorkerService.WorkerServiceClient Workers { get; }

    public DatasetService.DatasetServiceClient Datasets { get; }

    /// <summary>Retries transient failures (the server restarting, a dropped connection) with backoff.</summary>
    public static ResiliencePipeline Retry { get; } = TransientRetry.Create(6, TimeSpan.FromMilliseconds(500));

    public void Dispose() => _channel.Dispose();
}
