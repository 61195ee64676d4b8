using Contest.Contracts.Transport;
using Grpc.Core;
using Polly;

namespace Contest.Client.Connection;

/// <summary>
/// The client's use of the shared <see cref="TransientRetry"/> policy, for calls that are safe to
/// repeat (reads and resumable downloads). Uploads and other changes are never retried.
/// </summary>
internal static class SafeRetry
{
    /// <summary>Four retries from 250 ms: a restarting server gets about four seconds to come back.</summary>
    public static ResiliencePipeline Pipeline { get; } = TransientRetry.Create(4, TimeSpan.FromMilliseconds(250));

    /// <summary>Runs a unary read with retries.</summary>
    public static async Task<T> CallAsync<T>(Func<CancellationToken, AsyncUnaryCall<T>> call, CancellationToken cancellationToken) =>
        await Pipeline.ExecuteAsync(async ct => await call(ct), cancellationToken);
}
