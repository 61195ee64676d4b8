namespace Contest.Evaluator.Runtime;

/// <summary>The part of a libtorch or ONNX Runtime error message a defender needs.</summary>
public static class ErrorText
{
    private static readonly string[] StackTraceStarts = ["Exception raised from", "frame #"];

    /// <summary>
    /// The error line and the lines of its message that follow it (a raised message may span lines),
    /// without the TorchScript traceback before it or the C++ stack trace after it.
    /// </summary>
    public static string Message(string message) => string.Join(' ', ErrorLines(message)) is { Length: > 0 } text ? text : message;

    private static IEnumerable<string> ErrorLines(string message)
    {
        var all = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // A c10::Error ends with the C++ frames that raised it: never the defender's business.
        var lines = all.TakeWhile(l => !StackTraceStarts.Any(s => l.StartsWith(s, StringComparison.Ordinal))).ToArray();
        var start = Array.FindLastIndex(lines, l => l.Contains("Error:", StringComparison.Ordinal) || l.StartsWith("Exception", StringComparison.Ordinal));
        if (start < 0)
            start = Array.FindIndex(lines, l => !l.StartsWith("The following operation failed", StringComparison.Ordinal));
        return start < 0 ? [] : lines.Skip(start);
    }
}
