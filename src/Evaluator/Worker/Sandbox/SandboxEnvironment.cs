using Contest.Evaluator.Runtime;

namespace Contest.Evaluator.Worker.Sandbox;

/// <summary>
/// The whole environment of a sandboxed job: an allow-list, never the worker's own (which holds the
/// worker key, CONTEST_WORKER_TOKEN, and whatever else its operator set).
/// </summary>
internal static class SandboxEnvironment
{
    /// <summary>Taken from the worker's environment when set there: libtorch, CUDA and thread counts.</summary>
    public static readonly string[] PassedThrough =
    [
        TorchNativeLoader.LibTorchDirectoryVariable,
        "LD_LIBRARY_PATH",
        "CUDA_VISIBLE_DEVICES",
        "OMP_NUM_THREADS",
        "MKL_NUM_THREADS",
    ];

    /// <summary>The variables of a job started with <paramref name="command"/>.</summary>
    public static IReadOnlyDictionary<string, string> For(EvaluatorCommand command, Func<string, string?> host)
    {
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/bin:/bin",
            ["HOME"] = SandboxLayout.Tmp,
            ["TMPDIR"] = SandboxLayout.Tmp,
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
            // No debugger or diagnostics socket: nothing for a model to talk to in /tmp.
            ["DOTNET_EnableDiagnostics"] = "0",
        };
        if (command.RuntimeRoot is not null)
            variables["DOTNET_ROOT"] = command.RuntimeRoot;
        foreach (var name in PassedThrough)
        {
            if (host(name) is { Length: > 0 } value)
                variables[name] = value;
        }
        return variables;
    }
}
