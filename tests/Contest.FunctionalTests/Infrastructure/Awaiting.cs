using Contest.Contracts.V1;
using Grpc.Core;

namespace Contest.FunctionalTests.Infrastructure;

/// <summary>
/// Waits for what workers do by following the server's own streams (WatchJob), never by polling:
/// a job reaching a state, a defense's validation and eligibility being judged.
/// </summary>
internal static class Awaiting
{
    /// <summary>The first progress of the job that satisfies <paramref name="reached"/> (the stored state counts).</summary>
    public static async Task<JobProgress> JobAsync(JobService.JobServiceClient jobs, string jobId, Func<JobProgress, bool> reached, TimeSpan timeout,
        string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        JobProgress? last = null;
        try
        {
            using var call = jobs.WatchJob(new WatchJobRequest { JobId = jobId }, cancellationToken: deadline.Token);
            await foreach (var progress in call.ResponseStream.ReadAllAsync(deadline.Token))
            {
                last = progress;
                if (reached(progress))
                    return progress;
            }
        }
        catch (Exception e) when (e is OperationCanceledException || (e is RpcException r && r.StatusCode == StatusCode.Cancelled))
        {
            throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:F0} s; last seen: {last}");
        }
        throw new InvalidOperationException($"job {jobId} ended before {what}; last seen: {last}");
    }

    /// <summary>The job's final progress: succeeded, failed or cancelled.</summary>
    public static Task<JobProgress> JobFinishedAsync(JobService.JobServiceClient jobs, string jobId, TimeSpan timeout) =>
        JobAsync(jobs, jobId, p => p.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled, timeout, $"job {jobId} finishing");

    /// <summary>The defense once its validation job finished.</summary>
    public static async Task<Defense> ValidatedAsync(TestServer server, string key, string defenseId, TimeSpan timeout)
    {
        var defenses = server.Defenses(key);
        var defense = await defenses.GetDefenseAsync(new GetDefenseRequest { DefenseId = defenseId });
        await JobFinishedAsync(server.Jobs(key), defense.Validation.JobId, timeout);
        return await defenses.GetDefenseAsync(new GetDefenseRequest { DefenseId = defenseId });
    }

    /// <summary>The defense once judged: validation failed, or eligibility decided.</summary>
    public static async Task<Defense> JudgedAsync(TestServer server, string key, string defenseId, TimeSpan timeout)
    {
        var defense = await ValidatedAsync(server, key, defenseId, timeout);
        if (defense.Validation.Status != ValidationStatus.Passed)
            return defense;
        await JobFinishedAsync(server.Jobs(key), defense.Eligibility.JobId, timeout);
        return await server.Defenses(key).GetDefenseAsync(new GetDefenseRequest { DefenseId = defenseId });
    }
}
