using Contest.Contracts.V1;
using Contest.Server.Hosting;
using Contest.Tests.Shared;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Contest.FunctionalTests.Infrastructure;

/// <summary>
/// The real server, started in this process on 127.0.0.1 with an ephemeral port and its own data
/// directory, reached through real gRPC channels.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<GrpcChannel> _channels = [];
    private readonly TempDirectory? _ownedDataDirectory;

    private TestServer(WebApplication app, string address, string dataDirectory, TempDirectory? owned)
    {
        _app = app;
        Address = address;
        DataDirectory = dataDirectory;
        _ownedDataDirectory = owned;
        OrganizerKey = File.ReadAllText(Path.Combine(dataDirectory, "organizer.key")).Trim();
    }

    public string Address { get; }

    public string DataDirectory { get; }

    public string OrganizerKey { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a server; pass a data directory to reuse one (a restart), or get a fresh one.</summary>
    public static async Task<TestServer> StartAsync(string? dataDirectory = null, params string[] extraArgs)
    {
        var owned = dataDirectory is null ? new TempDirectory("contest-server") : null;
        var dataDir = dataDirectory ?? owned!.Path;
        // A tiny generated dataset unless a test names another (later arguments win).
        string[] args =
        [
            "--urls", "http://127.0.0.1:0", "--data-dir", dataDir, "--workers", "0",
            "--dataset-per-class", "train=2,test=4,extras=0,eligibility=4", .. extraArgs,
        ];
        var builder = WebApplication.CreateBuilder(args);
        builder.AddContestServer(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapContestServer();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestServer(app, address, dataDir, owned);
    }

    /// <summary>A call invoker that sends the given key (or none).</summary>
    public CallInvoker Invoker(string? apiKey)
    {
        var channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions { MaxReceiveMessageSize = 32 << 20 });
        _channels.Add(channel);
        return channel.Intercept(metadata =>
        {
            if (apiKey is not null)
                metadata.Add("authorization", $"Bearer {apiKey}");
            return metadata;
        });
    }

    public TeamService.TeamServiceClient Teams(string? key) => new(Invoker(key));

    public DefenseService.DefenseServiceClient Defenses(string? key) => new(Invoker(key));

    /// <summary>Creates a team with the given roles and returns its key.</summary>
    public async Task<string> CreateTeamAsync(string name, params Role[] roles)
    {
        var request = new CreateTeamRequest { Name = name };
        request.Roles.AddRange(roles);
        var response = await Teams(OrganizerKey).CreateTeamAsync(request);
        return response.Key;
    }

    /// <summary>Stops the server, keeping its data directory (for restart tests).</summary>
    public async Task StopAsync()
    {
        foreach (var channel in _channels)
            channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _ownedDataDirectory?.Dispose();
    }
}
