using Contest.Server.Infrastructure.Storage;

namespace Contest.Server.Hosting;

/// <summary>Start-up failures that are a person's to fix, printed as one sentence instead of a stack trace.</summary>
internal static class StartupRefusal
{
    /// <summary>The exit code of a refused start.</summary>
    public const int ExitCode = 3;

    /// <summary>True when <paramref name="exception"/> says plainly why the server cannot start.</summary>
    public static bool Explains(Exception exception) =>
        exception is DataDirectoryInUseException or DatabaseUnrecoverableException;
}
