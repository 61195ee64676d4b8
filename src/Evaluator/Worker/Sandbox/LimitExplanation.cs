using System.Globalization;

namespace Contest.Evaluator.Worker.Sandbox;

/// <summary>
/// Turns a job process stopped by one of its kernel limits into one sentence for the defender, in the
/// words the wall-time limit uses; null when no limit explains the end.
/// </summary>
internal static class LimitExplanation
{
    private const int SignalCpuTime = 24; // SIGXCPU
    private const int SignalFileSize = 25; // SIGXFSZ

    /// <summary>Why the job ended, if a limit ended it.</summary>
    public static string? Explain(int exitCode, bool outOfMemoryKilled, bool processLimitHit, ProcessLimits limits, string phase)
    {
        var during = phase.Length == 0 ? "starting" : phase;
        if (outOfMemoryKilled)
            return MemoryExceeded(limits.MemoryBytes, during);
        if (exitCode == 128 + SignalCpuTime)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the job's process used more than its CPU-time limit of {limits.CpuSeconds} s while {during} and was stopped.");
        }
        if (exitCode == 128 + SignalFileSize)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the job's process tried to write a file larger than {Size(limits.FileBytes)} (its limit) while {during} and was stopped.");
        }
        if (processLimitHit && exitCode != 0)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the job's process tried to run more than {limits.MaxProcesses} processes and threads (its limit) while {during} and failed.");
        }
        return null;
    }

    /// <summary>The wall-time sentence (the worker itself stops a job that runs too long).</summary>
    public static string WallTimeExceeded(TimeSpan wall, string phase) => string.Create(CultureInfo.InvariantCulture,
        $"the job exceeded its time limit of {wall.TotalSeconds:F0} s while {phase} and was stopped.");

    /// <summary>The memory sentence, for the kernel's kill and for the sampling fallback alike.</summary>
    public static string MemoryExceeded(long limitBytes, string during) => string.Create(CultureInfo.InvariantCulture,
        $"the job's process used more than {Size(limitBytes)} of memory (its limit) while {during} and was stopped.");

    private static string Size(long bytes) => bytes >= 1L << 30
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F1} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F0} MiB");
}
