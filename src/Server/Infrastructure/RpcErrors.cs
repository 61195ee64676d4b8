using Grpc.Core;

namespace Contest.Server.Infrastructure;

/// <summary>
/// The errors services throw, each mapped to its gRPC status code, with a message a person can act
/// on. Use as <c>throw RpcErrors.NotFound("defense", id)</c>.
/// </summary>
internal static class RpcErrors
{
    public static RpcException InvalidArgument(string message) => Create(StatusCode.InvalidArgument, message);

    public static RpcException NotFound(string what, string id) =>
        Create(StatusCode.NotFound, $"no {what} with id '{id}'.");

    public static RpcException NotFound(string message) => Create(StatusCode.NotFound, message);

    public static RpcException AlreadyExists(string message) => Create(StatusCode.AlreadyExists, message);

    public static RpcException PermissionDenied(string message) => Create(StatusCode.PermissionDenied, message);

    public static RpcException Unauthenticated(string message) => Create(StatusCode.Unauthenticated, message);

    public static RpcException FailedPrecondition(string message) => Create(StatusCode.FailedPrecondition, message);

    public static RpcException ResourceExhausted(string message) => Create(StatusCode.ResourceExhausted, message);

    public static RpcException Unavailable(string message) => Create(StatusCode.Unavailable, message);

    public static RpcException Internal(string message) => Create(StatusCode.Internal, message);

    public static RpcException Unimplemented(string message) => Create(StatusCode.Unimplemented, message);

    public static RpcException Cancelled(string message) => Create(StatusCode.Cancelled, message);

    public static RpcException DeadlineExceeded(string message) => Create(StatusCode.DeadlineExceeded, message);

    private static RpcException Create(StatusCode code, string message) => new(new Status(code, message), message);
}
