using System.Diagnostics;
using Contest.Evaluator.Worker.Sandbox;

namespace Contest.Evaluator.Worker;

/// <summary>What the worker does the same way to every process it starts for a job or a model.</summary>
internal static class ChildProcess
{
    /// <summary>Resident memory of the process and its descendants, in bytes (0 once it has ended).</summary>
    public static long MemoryBytes(Process process)
    {
        try
        {
            return process.HasExited ? 0 : ProcessTreeMemory.Bytes(process.Id);
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }

    /// <summary>Kills the process and its descendants; nothing happens when it is already gone.</summary>
    public static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }
}
