using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Contest.Server.Workers;

/// <summary>Stops a child process the polite way first: SIGTERM, a short grace, then kill.</summary>
internal static class ChildProcessStop
{
    private const int SigTerm = 15;

    /// <summary>Asks <paramref name="process"/> to stop and waits up to <paramref name="grace"/>; kills it (and its children) after. True when it stopped by itself.</summary>
    public static async Task<bool> StopAsync(Process process, TimeSpan grace)
    {
        if (process.HasExited)
            return true;
        // Without SIGTERM (not Unix), or when it fails, the process is killed at once.
        if (OperatingSystem.IsWindows() || Kill(process.Id, SigTerm) != 0)
            return KillTree(process);
        using var waited = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(waited.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return KillTree(process);
        }
    }

    private static bool KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Gone already.
        }
        return false;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
