using Contest.Evaluator.Runtime;

namespace Contest.Evaluator.Worker.Sandbox;

/// <summary>
/// What a sandboxed job sees of the file system: the system libraries, the .NET runtime, the
/// evaluator's folder and libtorch, all read-only; on CUDA the NVIDIA device nodes; its own /proc,
/// /dev and a size-capped /tmp; and its job folder's in/ (read-only) and out/ (writable) under /job.
/// Not /etc (but for the loader's cache), not the worker's data, cache or home.
/// </summary>
internal static class SandboxLayout
{
    /// <summary>Where the job folder appears inside the sandbox.</summary>
    public const string Job = "/job";

    /// <summary>The sandbox's private temporary folder (also HOME).</summary>
    public const string Tmp = "/tmp";

    /// <summary>The size of /tmp; what a job writes there also counts against its memory limit.</summary>
    public const long TmpBytes = 256L << 20;

    /// <summary>Makes the sandbox's own root read-only once everything is mounted (/tmp and /job/out stay writable).</summary>
    public static readonly string[] SealRoot = ["--remount-ro", "/"];

    // Top-level folders that are symlinks into /usr on merged-/usr systems and real folders elsewhere.
    private static readonly string[] SystemFolders = ["/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32"];

    /// <summary>bwrap's file-system arguments for the runtime: everything but the job folder.</summary>
    public static IEnumerable<string> RuntimeArguments(EvaluatorCommand command, bool cuda, Func<string, string?> environment)
    {
        yield return "--ro-bind";
        yield return "/usr";
        yield return "/usr";
        foreach (var folder in SystemFolders)
        {
            var info = new DirectoryInfo(folder);
            if (info.LinkTarget is { } target)
            {
                yield return "--symlink";
                yield return target;
                yield return folder;
            }
            else if (info.Exists)
            {
                foreach (var argument in ReadOnly(folder))
                    yield return argument;
            }
        }
        // Lets the loader find libraries that ld.so.conf lists outside the default folders (CUDA's).
        if (File.Exists("/etc/ld.so.cache"))
        {
            foreach (var argument in ReadOnly("/etc/ld.so.cache"))
                yield return argument;
        }
        foreach (var argument in new[] { "--proc", "/proc", "--dev", "/dev", "--size", TmpBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--tmpfs", Tmp })
            yield return argument;

        foreach (var folder in RuntimeFolders(command, environment))
        {
            foreach (var argument in ReadOnly(folder))
                yield return argument;
        }
        if (cuda)
        {
            foreach (var device in NvidiaDevices())
            {
                yield return "--dev-bind";
                yield return device;
                yield return device;
            }
        }
    }

    /// <summary>bwrap's arguments for the job folder <paramref name="jobFolder"/> (a host path).</summary>
    public static IEnumerable<string> JobArguments(string jobFolder)
    {
        yield return "--ro-bind";
        yield return Path.Combine(jobFolder, "in");
        yield return $"{Job}/in";
        yield return "--bind";
        yield return Path.Combine(jobFolder, "out");
        yield return $"{Job}/out";
        foreach (var argument in SealRoot)
            yield return argument;
        yield return "--chdir";
        yield return Job;
    }

    /// <summary>The folders the job's runtime loads code from, besides /usr.</summary>
    public static IReadOnlyList<string> RuntimeFolders(EvaluatorCommand command, Func<string, string?> environment)
    {
        var folders = new List<string> { command.AppDirectory };
        if (command.RuntimeRoot is not null)
            folders.Add(command.RuntimeRoot);
        if (environment(TorchNativeLoader.LibTorchDirectoryVariable) is { Length: > 0 } libtorch && Directory.Exists(libtorch))
        {
            var full = Path.GetFullPath(libtorch);
            folders.Add(full);
            // A PyTorch wheel's libtorch finds CUDA's libraries in site-packages/nvidia (its RUNPATH).
            var wheelLibraries = Path.GetFullPath(Path.Combine(full, "..", "..", "nvidia"));
            if (Directory.Exists(wheelLibraries))
                folders.Add(wheelLibraries);
        }
        foreach (var folder in (environment("LD_LIBRARY_PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Path.IsPathFullyQualified(folder) && Directory.Exists(folder))
                folders.Add(Path.GetFullPath(folder));
        }
        return [.. folders.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The NVIDIA device nodes of this machine (/dev/nvidia0, nvidiactl, nvidia-uvm, ...).</summary>
    public static IReadOnlyList<string> NvidiaDevices() =>
        Directory.Exists("/dev")
            ? [.. Directory.EnumerateFileSystemEntries("/dev", "nvidia*").Order(StringComparer.Ordinal)]
            : [];

    private static string[] ReadOnly(string path) => ["--ro-bind", path, path];
}
