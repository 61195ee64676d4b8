using System.Diagnostics;
using System.Globalization;

namespace Contest.Evaluator.Worker.Sandbox;

/// <summary>
/// Starts a command under kernel limits that are in force before its first instruction: a tiny
/// /bin/sh joins the job's cgroup(s), sets RLIMIT_CPU and RLIMIT_FSIZE, then execs the command
/// (bwrap, which passes the limits and the cgroup on to the job). Paths and numbers travel as
/// positional arguments, never inside the script.
/// </summary>
internal static class LimitedStart
{
    /// <summary>Seconds between the soft CPU limit (SIGXCPU) and the hard one (SIGKILL).</summary>
    public const int CpuGraceSeconds = 5;

    // $1 soft CPU s, $2 hard CPU s, $3 file size in 512-byte blocks (POSIX ulimit -f), $4 niceness,
    // $5 the number of cgroup.procs files that follow; then the command.
    private const string Script =
        "soft=$1 hard=$2 blocks=$3 niceness=$4 n=$5; shift 5; " +
        "while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" || exit 125; shift; n=$((n - 1)); done; " +
        "ulimit -S -t \"$soft\" && ulimit -H -t \"$hard\" && ulimit -f \"$blocks\" || exit 125; " +
        "if [ \"$niceness\" -gt 0 ]; then exec nice -n \"$niceness\" \"$@\"; fi; " +
        "exec \"$@\"";

    /// <summary>A start for <paramref name="command"/> under <paramref name="limits"/> in <paramref name="cgroup"/> (if any).</summary>
    public static ProcessStartInfo For(IReadOnlyList<string> command, ProcessLimits limits, JobCgroup? cgroup)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(Number(limits.CpuSeconds));
        start.ArgumentList.Add(Number(limits.CpuSeconds + CpuGraceSeconds));
        start.ArgumentList.Add(Number(Math.Max(1, limits.FileBytes / 512)));
        start.ArgumentList.Add(Number(Math.Clamp(limits.Niceness, 0, 19)));
        var procs = cgroup?.ProcsFiles ?? [];
        start.ArgumentList.Add(Number(procs.Count));
        foreach (var file in procs)
            start.ArgumentList.Add(file);
        foreach (var argument in command)
            start.ArgumentList.Add(argument);
        return start;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
