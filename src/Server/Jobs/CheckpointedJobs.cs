using Contest.Contracts.V1;

namespace Contest.Server.Jobs;

/// <summary>
/// The kinds of job whose worker stores checkpoints, so a later attempt continues instead of starting
/// over: training (the network mid-run) and analyses (the label-DP sweep's finished runs).
/// </summary>
internal static class CheckpointedJobs
{
    public static bool Keep(JobKind kind) => kind is JobKind.TrainReference or JobKind.Analysis;
}
