using Grpc.Core;
using Polly;
using Polly.Retry;

namespace Contest.Client.Connection;

/// <summary>
/// Retries with exponential backoff, for calls that are safe to repeat (reads and resumable
/// downloads) and only on transient failures. Uploads and other changes are never retried.
/// </summary>
internal static class SafeRetry
{
    public static ResiliencePipeline Pipeline { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<RpcException>(IsTransient),
            MaxRetryAttempts = 4,
            Delay = TimeSpan.FromMilliseconds(250),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    public static bool IsTransient(RpcException e) =>
        e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted;

    /// <summary>Runs a unary read with retries.</summary>
    public static async Task<T> CallAsync<T>(Func<CancellationToken, AsyncUnaryCall<T>> call, CancellationToken cancellationToken) =>
        await Pipeline.ExecuteAsync(async ct => await call(ct), cancellationToken);
}
