using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Server.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.FunctionalTests.Limits;

/// <summary>
/// The server's count of a key's open streams, for the stream tests. A stream is released on the
/// server after the client's call ends, with no event a test could await, so the count is read until
/// it settles (five seconds at most).
/// </summary>
internal static class StreamCounts
{
    public static string KeyIdOf(TestServer server, string key) =>
        server.Teams(key).WhoAmI(new WhoAmIRequest()).KeyInfo.Id;

    public static int OpenFor(TestServer server, string key) =>
        server.Services.GetRequiredService<StreamGuard>().OpenFor(KeyIdOf(server, key));

    public static async Task SettlesAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
            await Task.Delay(50);
        Assert.True(condition());
    }
}
