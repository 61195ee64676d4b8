using System.Globalization;

namespace Contest.Evaluator.Worker.Sandbox;

/// <summary>
/// Resident memory of a process and all its descendants, from /proc: what the fallback sampling
/// compares with the limit where no cgroup can be made (the job runs below sh and bwrap).
/// </summary>
internal static class ProcessTreeMemory
{
    /// <summary>The summed VmRSS of <paramref name="rootId"/> and its descendants, in bytes (0 when gone).</summary>
    public static long Bytes(int rootId)
    {
        long total = 0;
        var pending = new Stack<int>();
        pending.Push(rootId);
        var seen = new HashSet<int>();
        while (pending.Count > 0)
        {
            var id = pending.Pop();
            if (!seen.Add(id))
                continue;
            total += ResidentBytes(id);
            foreach (var child in Children(id))
                pending.Push(child);
        }
        return total;
    }

    private static long ResidentBytes(int id)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{id}/status"))
            {
                if (!line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    continue;
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return 0;
    }

    private static IEnumerable<int> Children(int id)
    {
        var children = new List<int>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{id}/task"))
            {
                foreach (var child in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    children.Add(int.Parse(child, CultureInfo.InvariantCulture));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return children;
    }
}
