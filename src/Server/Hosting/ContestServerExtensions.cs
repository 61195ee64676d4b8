using Contest.Server.Audit;
using Contest.Server.Auth;
using Contest.Server.Contest;
using Contest.Server.Datasets;
using Contest.Server.Jobs;
using Contest.Server.Jobs.Outcomes;
using Contest.Server.Services.Attacks;
using Contest.Server.Services.Audit;
using Contest.Server.Services.Datasets;
using Contest.Server.Services.Defenses;
using Contest.Server.Services.Jobs;
using Contest.Server.Services.Leaderboards;
using Contest.Server.Services.Notifications;
using Contest.Server.Services.Review;
using Contest.Server.Services.Rounds;
using Contest.Server.Services.Workers;
using Contest.Server.Workers;
using Contest.Server.Services.Teams;
using Contest.Server.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Contest.Server.Hosting;

/// <summary>All of the server's wiring: services, storage, gRPC, and the endpoints.</summary>
public static class ContestServerExtensions
{
    /// <summary>Registers the contest server's services and configures Kestrel for gRPC.</summary>
    public static WebApplicationBuilder AddContestServer(this WebApplicationBuilder builder, string[] args)
    {
        builder.Configuration.AddCommandLine(args, ServerCommandLine.SwitchMappings);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        // Framework chatter only when something is wrong; configuration can still lower these.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);

        if (!HasConfiguredEndpoints(builder.Configuration))
            builder.WebHost.UseUrls(ServerCommandLine.DefaultUrl);
        // gRPC over cleartext needs HTTP/2 without TLS negotiation (h2c).
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2));

        var services = builder.Services;
        services.AddOptions<ContestServerOptions>()
            .Bind(builder.Configuration.GetSection(ContestServerOptions.SectionName))
            .Validate(o => o.MaxUploadBytes > 0, "MaxUploadBytes must be positive")
            .Validate(o => o.Workers >= 0, "Workers must be zero or more")
            .Validate(o => o.MinThroughput >= 0, "MinThroughput must be zero or more")
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ContestDatabase(sp.GetRequiredService<IOptions<ContestServerOptions>>().Value.DataDirectoryFullPath));
        services.AddSingleton(sp => new BlobStore(sp.GetRequiredService<IOptions<ContestServerOptions>>().Value.DataDirectoryFullPath));
        services.AddSingleton<ServerDataset>();
        services.AddSingleton<IDatasetCatalog>(sp => sp.GetRequiredService<ServerDataset>());
        services.AddHostedService<DatasetPreparer>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<OrganizerKeyFile>();
        services.AddSingleton<DefenseUploadReceiver>();
        services.AddSingleton<AuthInterceptor>();
        AddJobs(services);
        services.AddSingleton<StartupReport>();
        services.AddHostedService(sp => sp.GetRequiredService<StartupReport>());

        services.AddGrpc(o =>
        {
            o.Interceptors.Add<AuthInterceptor>();
            // Uploads arrive in chunks of at most 1 MiB; attack images are small.
            o.MaxReceiveMessageSize = 8 << 20;
            o.MaxSendMessageSize = 8 << 20;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck("storage", () =>
            Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
        return builder;
    }

    private static void AddJobs(IServiceCollection services)
    {
        services.AddSingleton<JobEvents>();
        services.AddSingleton<QueueSignal>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<JobSpecBuilder>();
        services.AddSingleton<ArtifactReceiver>();
        services.AddSingleton<IPriorAttackSource, AttackRecordPriorSource>();
        services.AddSingleton<IJobOutcomeHandler, ValidationOutcomeHandler>();
        services.AddSingleton<IJobOutcomeHandler, EligibilityOutcomeHandler>();
        services.AddSingleton<IJobOutcomeHandler, EvaluationOutcomeHandler>();
        services.AddSingleton<IJobOutcomeHandler, VerdictOutcomeHandler>();
        services.AddHostedService<LeaseMonitor>();
        services.AddSingleton<LocalWorkerKey>();
        services.AddSingleton<NotificationHub>();
        services.AddSingleton<RoundBook>();
        services.AddSingleton<BreakBook>();
        services.AddSingleton<RoundPublisher>();
        services.AddSingleton<QuotaLedger>();
        services.AddSingleton<AttackSubmitter>();
        services.AddSingleton<ReviewDesk>();
        services.AddSingleton<WarmupTable>();
        services.AddHostedService<RoundClock>();
        services.AddSingleton<LocalWorkerPool>();
        services.AddHostedService(sp => sp.GetRequiredService<LocalWorkerPool>());
    }

    /// <summary>Prepares storage and the organizer key, then maps the gRPC services.</summary>
    public static WebApplication MapContestServer(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ContestServerOptions>>().Value;
        var blobs = app.Services.GetRequiredService<BlobStore>();
        blobs.DeleteAbandonedTemporaryFiles();
        var keyFile = app.Services.GetRequiredService<OrganizerKeyFile>().Ensure(options.DataDirectoryFullPath);
        app.Services.GetRequiredService<StartupReport>().OrganizerKey = keyFile;

        app.MapGrpcService<TeamServiceImpl>();
        app.MapGrpcService<DefenseServiceImpl>();
        app.MapGrpcService<JobServiceImpl>();
        app.MapGrpcService<WorkerServiceImpl>();
        app.MapGrpcService<DatasetServiceImpl>();
        app.MapGrpcService<AttackServiceImpl>();
        app.MapGrpcService<ReviewServiceImpl>();
        app.MapGrpcService<RoundServiceImpl>();
        app.MapGrpcService<LeaderboardServiceImpl>();
        app.MapGrpcService<AuditServiceImpl>();
        app.MapGrpcService<NotificationServiceImpl>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }

    private static bool HasConfiguredEndpoints(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration["urls"]) ||
        !string.IsNullOrEmpty(configuration["ASPNETCORE_URLS"]) ||
        !string.IsNullOrEmpty(configuration["http_ports"]) ||
        !string.IsNullOrEmpty(configuration["https_ports"]) ||
        configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
}
