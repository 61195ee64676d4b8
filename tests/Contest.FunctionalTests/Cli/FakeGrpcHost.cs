using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Contest.FunctionalTests.Cli;

/// <summary>A gRPC host on a free loopback port for the client tests' fake services: register what they share, map them, start.</summary>
internal sealed class FakeGrpcHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeGrpcHost(WebApplication app) => _app = app;

    public string Address => _app.Urls.First();

    public static async Task<FakeGrpcHost> StartAsync(Action<IServiceCollection> register, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        register(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new FakeGrpcHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
