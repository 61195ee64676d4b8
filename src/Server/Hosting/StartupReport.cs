using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Contest.Server.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace Contest.Server.Hosting;

/// <summary>Says on the console, once the server listens, where it listens and where the organizer key is.</summary>
internal sealed partial class StartupReport(
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<StorageOptions> options,
    DataDirectoryLock dataDirectoryLock,
    ILogger<StartupReport> logger) : IHostedService
{
    public (string Path, bool Created)? OrganizerKey { get; set; }

    /// <summary>The addresses the server listens on, once started.</summary>
    public IReadOnlyList<string> Addresses =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Report);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Report()
    {
        // Now that Kestrel has bound them, a second server refused on this directory can name them.
        dataDirectoryLock.RecordAddresses(Addresses);
        foreach (var address in Addresses)
            LogListening(logger, address);
        LogDataDirectory(logger, options.Value.DataDirectoryFullPath);
        if (OrganizerKey is { } key)
        {
            if (key.Created)
                LogOrganizerKeyCreated(logger, key.Path);
            else
                LogOrganizerKey(logger, key.Path);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Contest server listening on {Address}")]
    private static partial void LogListening(ILogger logger, string address);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Data directory: {Path}")]
    private static partial void LogDataDirectory(ILogger logger, string path);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Created an organizer API key and wrote it to {Path} (mode 0600)")]
    private static partial void LogOrganizerKeyCreated(ILogger logger, string path);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Organizer API key: {Path}")]
    private static partial void LogOrganizerKey(ILogger logger, string path);
}
