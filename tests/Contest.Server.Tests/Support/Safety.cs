namespace Contest.Server.Tests.Support;

/// <summary>
/// A real-time bound on awaits that should complete at once (a signal, a fake clock's timer): it
/// only turns a bug into a failure instead of a hung run. Nothing here waits for real time to pass.
/// </summary>
internal static class Safety
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
}
