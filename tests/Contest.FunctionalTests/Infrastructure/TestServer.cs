using Contest.Contracts.Transport;
using Contest.Contracts.V1;
using Contest.Server.Datasets;
using Contest.Server.Hosting;
using Contest.Tests.Shared;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Contest.FunctionalTests.Infrastructure;

/// <summary>
/// The real server, started in this process on 127.0.0.1 with an ephemeral port and its own data
/// directory, reached through real gRPC channels. It runs on the system clock unless a test gives it
/// a fake one, and what its local workers print is kept for tests to await.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ContestChannel> _channels = [];
    private readonly TempDirectory? _ownedDataDirectory;

    private TestServer(WebApplication app, string address, string dataDirectory, TempDirectory? owned, LogLines log)
    {
        _app = app;
        Address = address;
        DataDirectory = dataDirectory;
        _ownedDataDirectory = owned;
        Log = log;
        OrganizerKey = File.ReadAllText(Path.Combine(dataDirectory, "organizer.key")).Trim();
    }

    public string Address { get; }

    public string DataDirectory { get; }

    public string OrganizerKey { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>What the server logged about its local workers (their output included).</summary>
    public LogLines Log { get; }

    /// <summary>Completes once the server's dataset is ready (generated or opened).</summary>
    public Task DatasetReady => Services.GetRequiredService<ServerDataset>().WhenReady;

    /// <summary>Starts a server; pass a data directory to reuse one (a restart), or get a fresh one.</summary>
    public static Task<TestServer> StartAsync(string? dataDirectory = null, params string[] extraArgs) =>
        StartAsync(null, dataDirectory, extraArgs);

    /// <summary>Starts a server whose every rule reads <paramref name="clock"/> (a fake clock the test moves).</summary>
    public static Task<TestServer> StartWithClockAsync(TimeProvider clock, params string[] extraArgs) =>
        StartAsync(clock, null, extraArgs);

    private static async Task<TestServer> StartAsync(TimeProvider? clock, string? dataDirectory, string[] extraArgs)
    {
        var owned = dataDirectory is null ? new TempDirectory("contest-server") : null;
        var dataDir = dataDirectory ?? owned!.Path;
        // A tiny generated dataset unless a test names another, and no built-in baselines (their training jobs
        // would take the test's workers); later arguments win ("--no-baselines", "false").
        string[] args =
        [
            "--urls", "http://127.0.0.1:0", "--data-dir", dataDir, "--workers", "0",
            "--dataset-per-class", "train=2,test=4,extras=0,eligibility=4", "--no-baselines", .. extraArgs,
        ];
        var builder = WebApplication.CreateBuilder(args);
        if (clock is not null)
            builder.Services.AddSingleton(clock);
        builder.AddContestServer(args);
        var log = new LogLines();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(log);
        builder.Logging.AddFilter<LogLines>("Contest.Server.Workers", LogLevel.Information);
        var app = builder.Build();
        app.MapContestServer();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestServer(app, address, dataDir, owned, log);
    }

    /// <summary>A call invoker that sends the given key (or none).</summary>
    public CallInvoker Invoker(string? apiKey)
    {
        var channel = new ContestChannel(Address, apiKey, 32 << 20);
        _channels.Add(channel);
        return channel.Invoker;
    }

    public TeamService.TeamServiceClient Teams(string? key) => new(Invoker(key));

    public DefenseService.DefenseServiceClient Defenses(string? key) => new(Invoker(key));

    public JobService.JobServiceClient Jobs(string? key) => new(Invoker(key));

    public ReferenceService.ReferenceServiceClient References(string? key) => new(Invoker(key));

    public LeaderboardService.LeaderboardServiceClient Leaderboards(string? key) => new(Invoker(key));

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
