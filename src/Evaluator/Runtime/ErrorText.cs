namespace Contest.Evaluator.Runtime;

/// <summary>Shortens libtorch's long error texts (TorchScript tracebacks) to the line that says what went wrong.</summary>
public static class ErrorText
{
    public static string FirstUsefulLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var error = lines.LastOrDefault(l => l.Contains("Error:", StringComparison.Ordinal) || l.StartsWith("Exception", StringComparison.Ordinal))
            ?? lines.FirstOrDefault(l => !l.StartsWith("The following operation failed", StringComparison.Ordinal))
            ?? message;
        return error.Length > 300 ? error[..300] + "..." : error;
    }
}
