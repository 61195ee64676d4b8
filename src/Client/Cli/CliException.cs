namespace Contest.Client.Cli;

/// <summary>A problem on the client's side (a bad argument, a missing file) with its exit code.</summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.Usage) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
