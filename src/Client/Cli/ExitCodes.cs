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

    public static int FromStatus(StatusCode code) => code switch
    {
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => Denied,
        StatusCode.NotFound => NotFound,
        StatusCode.Unavailable => Unreachable,
        StatusCode.Cancelled => Cancelled,
        _ => Failed,
    };
}
