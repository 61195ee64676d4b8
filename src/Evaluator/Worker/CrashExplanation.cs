using Contest.Core.Text;
using Contest.Evaluator.Data;

namespace Contest.Evaluator.Worker;

/// <summary>
/// Turns a job process's abnormal end into one sentence a defender can act on, plus, apart from it,
/// the last thing the process printed (which may be the model's words: shown to its team only).
/// </summary>
internal static class CrashExplanation
{
    public static (string Reason, string ModelMessage) Explain(int exitCode, string phase, IReadOnlyList<string> hostTail, string processOutputTail)
    {
        var signal = exitCode > 128 ? SignalName(exitCode - 128) : null;
        var how = signal is null ? $"exit code {exitCode}" : $"{signal}, exit code {exitCode}";
        var said = ModelText.Clean(LastMeaningfulLine(hostTail) is { } line ? $"{line} {processOutputTail}" : processOutputTail);
        if (phase == PhaseNames.LoadingModel)
        {
            return ($"loading the model crashed the evaluation process ({how}): libtorch could not read the file, which is a " +
                    "corrupted TorchScript archive or needs operators this libtorch (2.10) lacks. Save it again with torch.jit.save " +
                    "(PyTorch 2.x) and upload it again.", said);
        }
        return ($"the evaluation process crashed ({how}) while {(phase.Length == 0 ? "starting" : phase)}; the model aborted the " +
                "runtime (for example a native error inside a custom operator).", said);
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

    private static string? LastMeaningfulLine(IReadOnlyList<string> tail) =>
        tail.LastOrDefault(l => l.Contains("what()", StringComparison.Ordinal) || l.Contains("Error", StringComparison.Ordinal))
        ?? tail.LastOrDefault();
}
