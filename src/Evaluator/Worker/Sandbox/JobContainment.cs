using System.Diagnostics;

namespace Contest.Evaluator.Worker.Sandbox;

/// <summary>
/// How this worker confines its job processes, decided once at start: in a bubblewrap sandbox (the
/// default) or, only when its operator said --unsafe-no-sandbox, unconfined; with a cgroup per job
/// where cgroups can be made, else with the supervisor sampling memory every 500 ms.
/// </summary>
internal sealed class JobContainment
{
    private readonly string? _bwrap;
    private readonly bool _cuda;

    private JobContainment(string? bwrap, CgroupRoots? cgroups, string cgroupProblem, bool cuda, EvaluatorCommand command)
    {
        _bwrap = bwrap;
        _cuda = cuda;
        Cgroups = cgroups;
        CgroupProblem = cgroupProblem;
        Command = command;
    }

    /// <summary>True when jobs run in the bubblewrap sandbox.</summary>
    public bool Sandboxed => _bwrap is not null;

    /// <summary>Where job cgroups are made; null when the kernel's limits cannot be used here.</summary>
    public CgroupRoots? Cgroups { get; }

    /// <summary>Why there are no job cgroups ("" when there are).</summary>
    public string CgroupProblem { get; }

    /// <summary>The evaluator a job runs.</summary>
    public EvaluatorCommand Command { get; }

    /// <summary>
    /// Checks this machine and returns the containment, or null and the reason the worker must not
    /// start. <paramref name="unsafeNoSandbox"/> skips bubblewrap; <paramref name="device"/> decides
    /// whether the GPU's device nodes go into the sandbox.
    /// </summary>
    public static (JobContainment? Containment, string Problem) Create(bool unsafeNoSandbox, string device)
    {
        var command = EvaluatorCommand.Current();
        var cuda = !string.Equals(device.Trim(), "cpu", StringComparison.OrdinalIgnoreCase);
        var (cgroups, cgroupProblem) = CgroupRoots.Find();
        if (cgroups is not null)
            JobCgroup.RemoveOrphans(cgroups);
        if (unsafeNoSandbox)
            return (new JobContainment(null, cgroups, cgroupProblem, cuda, command), "");
        var bwrap = Bubblewrap.Find();
        if (bwrap is null)
            return (null, Bubblewrap.MissingMessage(Bubblewrap.NotInstalled));
        if (Bubblewrap.Probe(bwrap, command, cuda) is { } problem)
            return (null, Bubblewrap.MissingMessage(problem));
        return (new JobContainment(bwrap, cgroups, cgroupProblem, cuda, command), "");
    }

    /// <summary>One line for the log and `doctor`.</summary>
    public string Describe()
    {
        var sandbox = Sandboxed
            ? $"bubblewrap ({_bwrap}): no network, no /etc, only the job's in/ (read-only) and out/"
            : "NONE (--unsafe-no-sandbox): jobs run as this worker's user, with its files and network";
        var limits = Cgroups is null
            ? $"memory sampled every 500 ms ({CgroupProblem})"
            : $"{Cgroups.Describe()}: memory and process limits by the kernel";
        return $"sandbox: {sandbox}; limits: {limits}; CPU time and file size by rlimits";
    }

    /// <summary>A cgroup for one job, or null where cgroups cannot be made.</summary>
    public JobCgroup? CreateCgroup(ProcessLimits limits) =>
        Cgroups is null ? null : JobCgroup.Create(Cgroups, JobCgroup.NewName(Environment.ProcessId), limits);

    /// <summary>How to start the job of <paramref name="launch"/> (its process joins <paramref name="cgroup"/> first).</summary>
    public ProcessStartInfo StartInfo(JobLaunch launch, JobCgroup? cgroup)
    {
        var command = new List<string>();
        string directory;
        if (_bwrap is not null)
        {
            foreach (var part in new[] { "in", "out" })
            {
                if (!Directory.Exists(Path.Combine(launch.JobFolder, part)))
                    throw new InvalidDataException($"the job folder {launch.JobFolder} has no {part}/ folder to show the sandboxed job.");
            }
            command.Add(_bwrap);
            command.AddRange(Bubblewrap.IsolationArguments);
            foreach (var (name, value) in SandboxEnvironment.For(Command, Environment.GetEnvironmentVariable))
                command.AddRange(["--setenv", name, value]);
            command.AddRange(SandboxLayout.RuntimeArguments(Command, _cuda, Environment.GetEnvironmentVariable));
            command.AddRange(SandboxLayout.JobArguments(launch.JobFolder));
            directory = SandboxLayout.Job;
        }
        else
        {
            directory = launch.JobFolder;
        }
        command.AddRange(launch.CommandLine(directory));

        var start = LimitedStart.For(command, launch.Limits, cgroup);
        // Neither the launcher (sh, bwrap) nor an unconfined job inherits the worker's environment,
        // which holds its key: the same allow-list as inside the sandbox, with PATH for the launcher.
        var allowed = SandboxEnvironment.For(Command, Environment.GetEnvironmentVariable);
        start.Environment.Clear();
        foreach (var (name, value) in allowed)
            start.Environment[name] = value;
        if (_bwrap is null)
            start.Environment["HOME"] = start.Environment["TMPDIR"] = Path.GetTempPath();
        return start;
    }
}
