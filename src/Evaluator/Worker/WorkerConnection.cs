using Contest.Contracts.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Polly;
using Polly.Retry;

namespace Contest.Evaluator.Worker;

/// <summary>The worker's channel to the server, authenticated with its worker token.</summary>
internal sealed class WorkerConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    public WorkerConnection(string server, string token)
    {
        var address = server.Contains("://", StringComparison.Ordinal) ? server : $"http://{server}";
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = 64 << 20, MaxSendMessageSize = 64 << 20 });
        var invoker = _channel.Intercept(metadata =>
        {
            metadata.Add("authorization", $"Bearer {token}");
            return metadata;
        });
        Workers = new WorkerService.WorkerServiceClient(invoker);
        Datasets = new DatasetService.DatasetServiceClient(invoker);
    }

    public WorkerService.WorkerServiceClient Workers { get; }

    public DatasetService.DatasetServiceClient Datasets { get; }

    /// <summary>Retries transient failures (the server restarting, a dropped connection) with backoff.</summary>
    public static ResiliencePipeline Retry { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<RpcException>(e => e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal),
            MaxRetryAttempts = 6,
            Delay = TimeSpan.FromMilliseconds(500),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    public void Dispose() => _channel.Dispose();
}
