using System.Diagnostics;

namespace Contest.Evaluator.Worker.Sandbox;

/// <summary>
/// bubblewrap (bwrap): where it is, its fixed isolation flags, and a probe that runs it once with
/// exactly those flags, so a worker that cannot sandbox jobs finds out at start, not on the first job.
/// </summary>
internal static class Bubblewrap
{
    /// <summary>Every namespace (user, pid, network, ipc, uts, cgroup, mount), nobody, no capabilities.</summary>
    public static readonly string[] IsolationArguments =
    [
        "--unshare-all",
        "--uid", "65534",
        "--gid", "65534",
        "--die-with-parent",
        "--new-session",
        "--cap-drop", "ALL",
        "--clearenv",
    ];

    private const string InstallHint = "apt-get install bubblewrap";

    /// <summary>bwrap's path, or null when it is not installed.</summary>
    public static string? Find()
    {
        if (File.Exists("/usr/bin/bwrap"))
            return "/usr/bin/bwrap";
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, "bwrap");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary>
    /// Runs bwrap with the job flags and the runtime's mounts on `true`; returns null when that works,
    /// else what is missing and how to fix it.
    /// </summary>
    public static string? Probe(string bwrap, EvaluatorCommand command, bool cuda)
    {
        var start = new ProcessStartInfo(bwrap)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in IsolationArguments)
            start.ArgumentList.Add(argument);
        foreach (var argument in SandboxLayout.RuntimeArguments(command, cuda, Environment.GetEnvironmentVariable).Concat(SandboxLayout.SealRoot))
            start.ArgumentList.Add(argument);
        start.ArgumentList.Add("/usr/bin/true");
        try
        {
            using var process = SpawnerThread.Start(start);
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
                return $"bubblewrap ({bwrap}) did not finish a trial run within 20 s";
            }
            if (process.ExitCode == 0)
                return null;
            var said = error.Result.Trim();
            return $"bubblewrap ({bwrap}) cannot create the job sandbox here (exit code {process.ExitCode}: {said}); it needs user, pid and " +
                   "network namespaces (run as root, or enable unprivileged user namespaces: sysctl kernel.unprivileged_userns_clone=1)";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"bubblewrap ({bwrap}) could not be run: {e.Message}";
        }
    }

    /// <summary>The sentence a worker prints when it refuses to start without a sandbox.</summary>
    public static string MissingMessage(string problem) =>
        $"{problem}. Install it ({InstallHint}) or fix the above, or pass --unsafe-no-sandbox to run every job " +
        "unconfined as this worker's user with its files and network in reach (only for models you trust).";

    /// <summary>What <see cref="MissingMessage"/> says when bwrap is not there at all.</summary>
    public const string NotInstalled = "bubblewrap (bwrap) is not installed";
}
