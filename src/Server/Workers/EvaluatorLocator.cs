using System.Reflection;

namespace Contest.Server.Workers;

/// <summary>Finds the evaluator (Contest.Evaluator.dll) that local workers run.</summary>
internal static class EvaluatorLocator
{
    public const string FileName = "Contest.Evaluator.dll";

    /// <summary>The configured path, else the build output recorded at build time, else next to the server.</summary>
    public static string? Find(string configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return File.Exists(configured) ? Path.GetFullPath(configured) : null;
        var built = typeof(EvaluatorLocator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ContestEvaluatorPath")?.Value;
        string?[] candidates =
        [
            built,
            Path.Combine(AppContext.BaseDirectory, FileName),
            Path.Combine(AppContext.BaseDirectory, "..", "evaluator", FileName),
        ];
        return candidates.FirstOrDefault(c => c is not null && File.Exists(c)) is { } found ? Path.GetFullPath(found) : null;
    }

    /// <summary>The dotnet host to run the evaluator with.</summary>
    public static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
            return self;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }
}
