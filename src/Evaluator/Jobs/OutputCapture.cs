using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Contest.Evaluator.Jobs;

/// <summary>
/// Separates the job's own progress channel from whatever the model prints. Before any model is
/// loaded, the process keeps a private duplicate of its standard output for progress lines and points
/// file descriptors 1 and 2 (where libtorch's print, warnings and crash messages go) at a log file in
/// out/. A model therefore cannot forge progress lines, and what it prints reaches the host only as
/// that log, which is shown to the defense's team alone.
/// </summary>
internal static class OutputCapture
{
    /// <summary>A writer on the original standard output, for progress lines only.</summary>
    public static TextWriter RedirectModelOutput(string logPath)
    {
        if (!OperatingSystem.IsLinux())
            return Console.Out;
        Console.Out.Flush();
        Console.Error.Flush();
        var progress = Native.Dup(1);
        if (progress < 0)
            throw new IOException($"could not keep the progress channel (errno {Marshal.GetLastPInvokeError()}).");
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        using (var log = File.Open(logPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite))
        {
            var fd = (int)log.SafeFileHandle.DangerousGetHandle();
            if (Native.Dup2(fd, 1) < 0 || Native.Dup2(fd, 2) < 0)
                throw new IOException($"could not capture the process output (errno {Marshal.GetLastPInvokeError()}).");
        }
        var stream = new FileStream(new SafeFileHandle(progress, ownsHandle: true), FileAccess.Write, bufferSize: 0);
        return new StreamWriter(stream) { AutoFlush = true };
    }

    private static class Native
    {
        [DllImport("libc", EntryPoint = "dup", SetLastError = true)]
        public static extern int Dup(int fd);

        [DllImport("libc", EntryPoint = "dup2", SetLastError = true)]
        public static extern int Dup2(int oldFd, int newFd);
    }
}
