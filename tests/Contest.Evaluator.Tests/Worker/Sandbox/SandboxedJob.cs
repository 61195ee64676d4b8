using System.Diagnostics;
using System.Text;
using Contest.Evaluator.Worker;
using Contest.Evaluator.Worker.Sandbox;
using Contest.Tests.Shared;

namespace Contest.Evaluator.Tests.Worker.Sandbox;

/// <summary>
/// A job folder (in/, out/) in a temporary directory and a way to run a program on it through the
/// worker's real launcher (bwrap, cgroup, rlimits), collecting everything it printed.
/// </summary>
internal sealed class SandboxedJob : IDisposable
{
    private readonly TempDirectory _root = new("contest-sandbox");

    public SandboxedJob()
    {
        Directory.CreateDirectory(In);
        Directory.CreateDirectory(Out);
    }

    /// <summary>The folder the job folder sits in (the sandbox must not show it).</summary>
    public string Parent => _root.Path;

    public string Folder => _root.Combine("job");

    public string In => Path.Combine(Folder, "in");

    public string Out => Path.Combine(Folder, "out");

    public static JobContainment Containment(bool sandboxed = true)
    {
        var (containment, problem) = JobContainment.Create(unsafeNoSandbox: !sandboxed, device: "cpu");
        return containment ?? throw new InvalidOperationException(problem);
    }

    /// <summary>Runs `/bin/sh -c script` as the job; returns its exit code and output (stdout and stderr).</summary>
    public Task<Finished> RunShellAsync(string script, ProcessLimits? limits = null, byte[]? handoff = null, JobContainment? containment = null) =>
        RunAsync(_ => ["/bin/sh", "-c", script], limits, handoff, containment);

    /// <summary>Runs <paramref name="program"/> (given the job folder as it sees it) as the job.</summary>
    public async Task<Finished> RunAsync(
        Func<string, IReadOnlyList<string>> program, ProcessLimits? limits = null, byte[]? handoff = null, JobContainment? containment = null)
    {
        var launch = new JobLaunch(Folder, limits ?? ProcessLimits.For(TimeSpan.FromMinutes(2), 2L << 30), containment ?? Containment())
        {
            Program = program,
        };
        var watch = Stopwatch.StartNew();
        using var process = JobProcess.Start(launch, handoff ?? [], _ => { });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var elapsed = watch.Elapsed;
        return new Finished(process.ExitCode, string.Join('\n', process.Tail), process.OutOfMemoryKilled, process.ProcessLimitHit, elapsed);
    }

    public void Dispose() => _root.Dispose();

    /// <summary>How a job ended.</summary>
    public sealed record Finished(int ExitCode, string Output, bool OutOfMemoryKilled, bool ProcessLimitHit, TimeSpan Elapsed)
    {
        public override string ToString() => new StringBuilder().Append("exit ").Append(ExitCode).Append(": ").Append(Output).ToString();
    }
}
