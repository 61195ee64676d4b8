using Grpc.Core;
using Polly;
using Polly.Retry;

namespace Contest.Contracts.Transport;

/// <summary>
/// The one retry policy for calls that are safe to repeat (reads, resumable downloads, a worker's
/// reports, which the server accepts once): exponential backoff with jitter, on transport failures
/// only. A refusal (invalid argument, permission, not found) is never retried.
/// </summary>
public static class TransientRetry
{
    /// <summary>
    /// Whether a failure may pass on its own: the server is unreachable or restarting, a deadline
    /// passed, or the HTTP/2 stream broke (grpc-dotnet reports that as Internal; handlers that throw
    /// surface as Unknown, which is not retried).
    /// </summary>
    public static bool IsTransient(RpcException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted or StatusCode.Internal;
    }

    /// <summary>A pipeline retrying transient failures up to <paramref name="retries"/> times, waiting <paramref name="firstDelay"/>, then twice as long each time.</summary>
    public static ResiliencePipeline Create(int retries, TimeSpan firstDelay) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<RpcException>(IsTransient),
            MaxRetryAttempts = retries,
            Delay = firstDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();
}
