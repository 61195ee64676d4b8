using Grpc.Core;

namespace Contest.Client.Cli;

/// <summary>The client's exit codes (also listed in the README).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The server refused or failed the request.</summary>
    public const int Failed = 1;
    /// <summary>Bad command line or local input.</summary>
    public const int Usage = 2;
    /// <summary>Missing, unknown or insufficient API key.</summary>
    public const int Denied = 3;
    /// <summary>The thing named does not exist.</summary>
    public const int NotFound = 4;
    /// <summary>The server could not be reached.</summary>
    public const int Unreachable = 5;
    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;

    /// <summary>The exit code for a failed call: a refusal is 1 whatever its status, unless it says more precisely.</summary>
    public static int FromStatus(RpcException e) => e.StatusCode switch
    {
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => Denied,
        StatusCode.NotFound => NotFound,
        StatusCode.Unavailable when IsTransportFailure(e) => Unreachable,
        StatusCode.Cancelled => Cancelled,
        _ => Failed,
    };

    /// <summary>
    /// Whether the call never reached a server that answered: the gRPC client made the status itself,
    /// from a connection or stream error it keeps as the debug exception. A status the server wrote
    /// (even Unavailable, "the dataset is still being prepared") carries no such exception.
    /// </summary>
    public static bool IsTransportFailure(RpcException e) =>
        e.StatusCode == StatusCode.Unavailable && e.Status.DebugException is not null;
}
