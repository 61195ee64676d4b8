using System.Globalization;

namespace Contest.Evaluator.Worker.Sandbox;

/// <summary>
/// The cgroup of one job: made before the job starts (its process joins it before it runs anything),
/// read after it ends (was it killed for memory, did it hit the process limit), then emptied and
/// removed. In v1 it is two groups, one in the memory hierarchy and one in the pids hierarchy.
/// </summary>
internal sealed class JobCgroup : IDisposable
{
    private readonly CgroupRoots _roots;
    private readonly string _memory;
    private readonly string _pids;

    private JobCgroup(CgroupRoots roots, string memory, string pids)
    {
        _roots = roots;
        _memory = memory;
        _pids = pids;
    }

    private const string Prefix = "contest-job-";

    /// <summary>A new group name that says which worker made it, so the group outlives no worker for long.</summary>
    public static string NewName(int workerProcessId) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{workerProcessId}-{Guid.NewGuid():N}");

    /// <summary>
    /// Removes the groups of workers that are gone: a worker killed outright never disposes its jobs'
    /// groups (their processes died with it). Groups of live workers, this one included, stay.
    /// </summary>
    public static void RemoveOrphans(CgroupRoots roots)
    {
        foreach (var root in roots.Unified ? [roots.Memory] : new[] { roots.Memory, roots.Pids })
        {
            foreach (var folder in Directory.EnumerateDirectories(root, Prefix + "*"))
            {
                var owner = Path.GetFileName(folder)[Prefix.Length..].Split('-')[0];
                if (int.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !Directory.Exists($"/proc/{pid}"))
                    Remove(folder);
            }
        }
    }

    /// <summary>The cgroup.procs files a process writes its id to, to join the group(s).</summary>
    public IReadOnlyList<string> ProcsFiles => _roots.Unified
        ? [Path.Combine(_memory, "cgroup.procs")]
        : [Path.Combine(_memory, "cgroup.procs"), Path.Combine(_pids, "cgroup.procs")];

    /// <summary>Makes the group(s) <paramref name="name"/> with these limits.</summary>
    public static JobCgroup Create(CgroupRoots roots, string name, ProcessLimits limits)
    {
        var memory = Path.Combine(roots.Memory, name);
        var pids = Path.Combine(roots.Pids, name);
        var group = new JobCgroup(roots, memory, pids);
        try
        {
            Directory.CreateDirectory(memory);
            Directory.CreateDirectory(pids);
            var bytes = limits.MemoryBytes.ToString(CultureInfo.InvariantCulture);
            if (roots.Unified)
            {
                File.WriteAllText(Path.Combine(memory, "memory.max"), bytes);
                WriteIfPresent(Path.Combine(memory, "memory.swap.max"), "0");
            }
            else
            {
                File.WriteAllText(Path.Combine(memory, "memory.limit_in_bytes"), bytes);
                // Present only where swap accounting is on; memory plus swap then has the same cap.
                WriteIfPresent(Path.Combine(memory, "memory.memsw.limit_in_bytes"), bytes);
            }
            File.WriteAllText(Path.Combine(pids, "pids.max"), limits.MaxProcesses.ToString(CultureInfo.InvariantCulture));
            return group;
        }
        catch
        {
            group.Dispose();
            throw;
        }
    }

    /// <summary>True when the kernel killed a process of the group for going over the memory limit.</summary>
    public bool OutOfMemoryKilled => _roots.Unified
        ? Counter(Path.Combine(_memory, "memory.events"), "oom_kill") > 0
        : Counter(Path.Combine(_memory, "memory.oom_control"), "oom_kill") > 0;

    /// <summary>True when the group tried to have more processes or threads than its limit.</summary>
    public bool ProcessLimitHit => Counter(Path.Combine(_pids, "pids.events"), "max") > 0;

    /// <summary>Kills whatever is left in the group and removes it.</summary>
    public void Dispose()
    {
        foreach (var folder in _roots.Unified ? [_memory] : new[] { _memory, _pids })
            Remove(folder);
    }

    private static void Remove(string folder)
    {
        for (var attempt = 0; attempt < 50 && Directory.Exists(folder); attempt++)
        {
            try
            {
                KillMembers(folder);
                Directory.Delete(folder);
                return;
            }
            catch (IOException)
            {
                // EBUSY while killed members are still exiting.
                Thread.Sleep(20);
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
        }
    }

    private static void KillMembers(string folder)
    {
        var procs = Path.Combine(folder, "cgroup.procs");
        if (!File.Exists(procs))
            return;
        foreach (var line in File.ReadAllLines(procs))
        {
            if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }

    private static void WriteIfPresent(string path, string value)
    {
        if (File.Exists(path))
            File.WriteAllText(path, value);
    }

    // Files of "key value" lines (memory.events, memory.oom_control, pids.events).
    private static long Counter(string path, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                var parts = line.Split(' ', 2);
                if (parts.Length == 2 && parts[0] == key && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                    return value;
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }
}
