using Contest.Evaluator.Data;

namespace Contest.Evaluator.Worker;

/// <summary>
/// Turns a job process's abnormal end into one sentence a defender can act on. What the process
/// printed (perhaps the model's words) travels apart: see <see cref="JobOutcome.ProcessSaid"/>.
/// </summary>
internal static class CrashExplanation
{
    /// <summary>Exit code of a process ended by SIGKILL.</summary>
    public const int KilledExitCode = 128 + 9;

    /// <summary>
    /// Whether another attempt may fare differently: a SIGKILL that no limit of the job explains came
    /// from outside the process (the machine out of memory, an operator), never from the model's own
    /// code, which can abort or crash the runtime but not SIGKILL it.
    /// </summary>
    public static bool IsRetryable(int exitCode) => exitCode == KilledExitCode;

    public static string Explain(int exitCode, string phase)
    {
        if (exitCode == KilledExitCode)
        {
            return $"the evaluation process was killed from outside (SIGKILL, exit code {exitCode}) while {(phase.Length == 0 ? "starting" : phase)}, " +
                   "not for a limit of the job (for example the machine ran out of memory); the job is tried again.";
        }
        var signal = exitCode > 128 ? SignalName(exitCode - 128) : null;
        var how = signal is null ? $"exit code {exitCode}" : $"{signal}, exit code {exitCode}";
        if (phase == PhaseNames.LoadingModel)
        {
            return $"loading the model crashed the evaluation process ({how}): libtorch could not read the file, which is a " +
                   "corrupted TorchScript archive or needs operators this libtorch (2.10) lacks. Save it again with torch.jit.save " +
                   "(PyTorch 2.x) and upload it again.";
        }
        return $"the evaluation process crashed ({how}) while {(phase.Length == 0 ? "starting" : phase)}; the model aborted the " +
               "runtime (for example a native error inside a custom operator).";
    }

    private static string? SignalName(int signal) => signal switch
    {
        6 => "SIGABRT",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        4 => "SIGILL",
        7 => "SIGBUS",
        8 => "SIGFPE",
        15 => "SIGTERM",
        24 => "SIGXCPU",
        25 => "SIGXFSZ",
        _ => $"signal {signal}",
    };

}
