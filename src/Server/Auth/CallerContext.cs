using Grpc.Core;

namespace Contest.Server.Auth;

/// <summary>Carries the authenticated <see cref="Caller"/> from the interceptor to the service.</summary>
internal static class CallerContext
{
    private static readonly object ItemKey = typeof(Caller);

    public static void SetCaller(this ServerCallContext context, Caller caller) =>
        context.GetHttpContext().Items[ItemKey] = caller;

    /// <summary>The caller of a method marked with <see cref="RequireRoleAttribute"/>.</summary>
    public static Caller GetCaller(this ServerCallContext context) =>
        context.GetHttpContext().Items[ItemKey] as Caller
        ?? throw new InvalidOperationException("no authenticated caller: is the method missing [RequireRole]?");
}
