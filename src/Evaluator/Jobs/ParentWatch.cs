using System.Runtime.InteropServices;

namespace Contest.Evaluator.Jobs;

/// <summary>
/// A job process ends itself when its worker host dies (SIGKILL included), so no orphan keeps
/// burning the machine for a job whose lease will be handed to another worker anyway.
/// </summary>
/// <remarks>
/// The watch allocates nothing on the managed heap: a garbage collection started from this thread
/// while the job's thread is inside a libtorch call could finalize a TorchSharp Scalar that call is
/// still reading (TorchSharp does not keep implicitly converted Scalars alive across its native calls).
/// </remarks>
internal static class ParentWatch
{
    public static void Start()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var parent = Native.GetParentProcessId();
        var thread = new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(1000);
                if (Native.GetParentProcessId() != parent)
                    Environment.Exit(137);
            }
        })
        { IsBackground = true, Name = "parent-watch" };
        thread.Start();
    }

    private static class Native
    {
        [DllImport("libc", EntryPoint = "getppid")]
        public static extern int GetParentProcessId();
    }
}
