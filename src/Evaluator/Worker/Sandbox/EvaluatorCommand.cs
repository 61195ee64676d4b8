using System.Runtime.InteropServices;

namespace Contest.Evaluator.Worker.Sandbox;

/// <summary>
/// How to start this evaluator again: the real dotnet host and Contest.Evaluator.dll (or, for a
/// self-contained build, its own executable), and the folders that must be visible for that to work.
/// </summary>
/// <param name="FileName">The program to execute.</param>
/// <param name="Prefix">Arguments before the evaluator's own (the dll for the dotnet host).</param>
/// <param name="RuntimeRoot">The .NET install (DOTNET_ROOT); null for a self-contained build.</param>
/// <param name="AppDirectory">The evaluator's folder, with its native libraries.</param>
internal sealed record EvaluatorCommand(string FileName, IReadOnlyList<string> Prefix, string? RuntimeRoot, string AppDirectory)
{
    /// <summary>This evaluator, as it is running now.</summary>
    public static EvaluatorCommand Current()
    {
        var app = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        // shared/Microsoft.NETCore.App/<version>/ is three levels below the install's root.
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, "dotnet");
        if (File.Exists(host))
            return new EvaluatorCommand(RealPath(host), [typeof(EvaluatorCommand).Assembly.Location], RealPath(root), app);
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which program this evaluator runs as");
        return new EvaluatorCommand(RealPath(self), [], null, app);
    }

    private static string RealPath(string path)
    {
        var info = new FileInfo(path);
        var target = info.Exists ? info.ResolveLinkTarget(returnFinalTarget: true) : new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true);
        return Path.TrimEndingDirectorySeparator(target?.FullName ?? Path.GetFullPath(path));
    }
}
