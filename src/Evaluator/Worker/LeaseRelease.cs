using Contest.Contracts.V1;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Contest.Evaluator.Worker;

/// <summary>
/// A stopping worker hands its job back (ReleaseJob): the server queues it again at once, for any worker,
/// without counting the attempt, instead of waiting for the lease to lapse. One short try: the process
/// is on its way out (SIGTERM leaves it about 2 s), and a lease the server never hears of lapses anyway.
/// </summary>
internal static partial class LeaseRelease
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1.5);

    public static async Task TryAsync(WorkerConnection connection, string leaseId, string jobId, ILogger logger)
    {
        try
        {
            var response = await connection.Workers.ReleaseJobAsync(
                new ReleaseJobRequest { LeaseId = leaseId, Reason = "the worker is stopping" },
                deadline: DateTime.UtcNow + Deadline);
            LogReleased(logger, jobId, response.Accepted ? "queued again for another worker" : $"not needed: {response.Message}");
        }
        catch (RpcException e)
        {
            LogNotReleased(logger, jobId, e.Status.Detail);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Stopping: job {JobId} killed and handed back to the server, {Outcome}")]
    private static partial void LogReleased(ILogger logger, string jobId, string outcome);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Stopping: job {JobId} killed; the server could not be told ({Detail}), so it is queued again when its lease lapses")]
    private static partial void LogNotReleased(ILogger logger, string jobId, string detail);
}
