using System.Globalization;

namespace Contest.Evaluator.Worker.Sandbox;

/// <summary>
/// Where this worker may create a cgroup per job: under its own cgroup (read from /proc/self/cgroup)
/// in the v1 memory and pids hierarchies, or in the v2 unified one. Found once at start, by creating
/// and removing a test group; <see cref="Find"/> says why when it cannot.
/// </summary>
internal sealed class CgroupRoots
{
    private const string Mount = "/sys/fs/cgroup";

    private CgroupRoots(bool unified, string memory, string pids)
    {
        Unified = unified;
        Memory = memory;
        Pids = pids;
    }

    /// <summary>True for cgroup v2 (one hierarchy); false for v1 (memory and pids apart).</summary>
    public bool Unified { get; }

    /// <summary>The folder job groups are made in for memory (v2: for everything).</summary>
    public string Memory { get; }

    /// <summary>The folder job groups are made in for pids (v2: the same as <see cref="Memory"/>).</summary>
    public string Pids { get; }

    /// <summary>One line for the log and `doctor`.</summary>
    public string Describe() => Unified
        ? $"cgroup v2 under {Memory}"
        : $"cgroup v1 under {Memory} and {Pids}";

    /// <summary>The usable roots, or null and the reason the worker has to fall back to sampling.</summary>
    public static (CgroupRoots? Roots, string Problem) Find()
    {
        if (!OperatingSystem.IsLinux())
            return (null, "cgroups exist on Linux only");
        try
        {
            var own = File.ReadAllLines("/proc/self/cgroup");
            var roots = File.Exists(Path.Combine(Mount, "cgroup.controllers")) ? UnifiedRoots(own) : SplitRoots(own);
            if (roots is null)
                return (null, $"no memory and pids cgroup controllers are mounted under {Mount}");
            var problem = roots.TryCreateAndRemove();
            return problem is null ? (roots, "") : (null, problem);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cgroups cannot be read here: {e.Message}");
        }
    }

    private static CgroupRoots? UnifiedRoots(string[] own)
    {
        var line = own.FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal));
        if (line is null)
            return null;
        var path = Combine(Mount, line[3..]);
        EnableControllers(path);
        return new CgroupRoots(true, path, path);
    }

    // v2 lets a group hand memory and pids to its children only while it holds no process itself, so
    // when ours does (the worker, perhaps the server that started it) they move to a leaf first.
    private static void EnableControllers(string own)
    {
        var control = Path.Combine(own, "cgroup.subtree_control");
        var enabled = File.ReadAllText(control);
        if (enabled.Contains("memory", StringComparison.Ordinal) && enabled.Contains("pids", StringComparison.Ordinal))
            return;
        try
        {
            File.WriteAllText(control, "+memory +pids");
        }
        catch (IOException)
        {
            var leaf = Path.Combine(own, "worker");
            Directory.CreateDirectory(leaf);
            foreach (var pid in File.ReadAllLines(Path.Combine(own, "cgroup.procs")))
                TryMove(pid, Path.Combine(leaf, "cgroup.procs"));
            File.WriteAllText(control, "+memory +pids");
        }
    }

    private static void TryMove(string pid, string procs)
    {
        try
        {
            File.WriteAllText(procs, pid);
        }
        catch (IOException)
        {
            // The process ended meanwhile.
        }
    }

    private static CgroupRoots? SplitRoots(string[] own)
    {
        var memory = V1Path(own, "memory");
        var pids = V1Path(own, "pids");
        return memory is null || pids is null ? null : new CgroupRoots(false, memory, pids);
    }

    // A v1 line is "ID:controller[,controller]:/path".
    private static string? V1Path(string[] own, string controller)
    {
        foreach (var line in own)
        {
            var parts = line.Split(':', 3);
            if (parts.Length == 3 && parts[1].Split(',').Contains(controller) && Directory.Exists(Path.Combine(Mount, controller)))
                return Combine(Path.Combine(Mount, controller), parts[2]);
        }
        return null;
    }

    private static string Combine(string mount, string relative) => Path.Combine(mount, relative.TrimStart('/'));

    private string? TryCreateAndRemove()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"contest-probe-{Environment.ProcessId}");
        try
        {
            using var group = JobCgroup.Create(this, name, new ProcessLimits(64L << 20, 16, 1, 1));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"no permission to create a cgroup under {Memory}: {e.Message}";
        }
    }
}
