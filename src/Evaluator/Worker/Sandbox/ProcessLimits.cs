namespace Contest.Evaluator.Worker.Sandbox;

/// <summary>
/// What the kernel enforces on one job process: memory (cgroup), processes and threads (cgroup),
/// CPU time (RLIMIT_CPU, soft; SIGKILL a few seconds later) and the size of any one file it writes
/// (RLIMIT_FSIZE). The wall time is the supervisor's.
/// </summary>
/// <param name="MemoryBytes">Memory, page cache and /tmp of the job together; swap is not extra.</param>
/// <param name="MaxProcesses">Processes and threads together (libtorch and .NET need a few dozen).</param>
/// <param name="CpuSeconds">CPU time of the job process, all its threads together.</param>
/// <param name="FileBytes">The largest file the job may write (artifacts, results, /tmp).</param>
/// <param name="Niceness">Scheduling niceness (0-19): long jobs run niced, so a verdict's forward gets the CPU first.</param>
internal sealed record ProcessLimits(long MemoryBytes, int MaxProcesses, long CpuSeconds, long FileBytes, int Niceness = 0)
{
    /// <summary>The niceness of jobs other than verdicts.</summary>
    public const int BackgroundNiceness = 10;

    /// <summary>Processes and threads a job may have unless told otherwise.</summary>
    public const int DefaultMaxProcesses = 1024;

    /// <summary>The largest file a job may write unless told otherwise (1 GiB).</summary>
    public const long DefaultFileBytes = 1L << 30;

    /// <summary>
    /// Limits for a job with this wall time and memory: CPU time is the wall time on every core (a
    /// backstop for jobs whose wall time is long), the rest are the defaults.
    /// </summary>
    public static ProcessLimits For(TimeSpan wall, long memoryBytes) => new(
        memoryBytes,
        DefaultMaxProcesses,
        (long)Math.Ceiling(wall.TotalSeconds) * Environment.ProcessorCount,
        DefaultFileBytes);
}
