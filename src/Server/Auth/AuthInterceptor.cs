using Contest.Contracts.V1;
using Contest.Server.Infrastructure;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Contest.Server.Auth;

/// <summary>
/// Checks the API key and role on every call, unary and streaming, before the handler runs.
/// The standard health and reflection services stay open; every contest method must carry
/// <see cref="RequireRoleAttribute"/>, or it is refused.
/// </summary>
internal sealed class AuthInterceptor(ApiKeyAuthenticator authenticator) : Interceptor
{
    private static readonly string[] OpenServicePrefixes = ["/grpc.health.v1.", "/grpc.reflection."];

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authorize(ServerCallContext context)
    {
        if (OpenServicePrefixes.Any(p => context.Method.StartsWith(p, StringComparison.Ordinal)))
            return;

        var rule = context.GetHttpContext().GetEndpoint()?.Metadata.GetMetadata<RequireRoleAttribute>()
            ?? throw RpcErrors.PermissionDenied($"{context.Method} has no access rule, so it is closed to everyone.");

        var header = context.RequestHeaders.GetValue("authorization");
        if (string.IsNullOrWhiteSpace(header))
            throw RpcErrors.Unauthenticated(
                "missing API key: send the metadata 'authorization: Bearer <key>' " +
                "(the contest client takes --api-key or the CONTEST_API_KEY environment variable).");

        const string scheme = "Bearer ";
        var key = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : header.Trim();
        var caller = authenticator.Authenticate(key)
            ?? throw RpcErrors.Unauthenticated("the API key is not valid (unknown or revoked); ask an organizer for a new one.");

        if (caller.IsWorker && !rule.Admits(caller))
            throw RpcErrors.PermissionDenied(
                $"this is a worker key of team '{caller.TeamName}': it may only run evaluation jobs (the worker service); " +
                "use a participant key for anything else.");
        if (!rule.Admits(caller))
            throw RpcErrors.PermissionDenied(
                $"this call needs the {RoleNames.Describe(rule.Roles)} role; team '{caller.TeamName}' has " +
                $"{(caller.Roles.Count == 0 ? "no roles" : RoleNames.Describe(caller.Roles, "and"))}.");

        context.SetCaller(caller);
    }
}
