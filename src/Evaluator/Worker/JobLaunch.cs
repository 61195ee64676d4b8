using Contest.Evaluator.Worker.Sandbox;

namespace Contest.Evaluator.Worker;

/// <summary>
/// One job process to start: its job folder on this machine (with in/ and out/), the kernel limits
/// it runs under, and how this worker confines it.
/// </summary>
/// <param name="JobFolder">The host path of the job folder; the sandbox shows in/ and out/ of it under /job.</param>
/// <param name="Limits">Memory, processes, CPU time and file size.</param>
/// <param name="Containment">The worker's sandbox and cgroup set-up.</param>
internal sealed record JobLaunch(string JobFolder, ProcessLimits Limits, JobContainment Containment)
{
    /// <summary>
    /// What runs, given the job folder as the process sees it: this evaluator's run-job when null
    /// (tests put a shell here to look at the sandbox from inside).
    /// </summary>
    public Func<string, IReadOnlyList<string>>? Program { get; init; }

    /// <summary>The command line of the job process, for the job folder as it sees it.</summary>
    public IReadOnlyList<string> CommandLine(string visibleFolder) => Program is { } program
        ? program(visibleFolder)
        : [Containment.Command.FileName, .. Containment.Command.Prefix, "run-job", "--dir", visibleFolder];
}
