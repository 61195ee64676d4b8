using Contest.Server.Admin;
using Contest.Server.Analyses;
using Contest.Server.Attacks;
using Contest.Server.Audit;
using Contest.Server.Auth;
using Contest.Server.Datasets;
using Contest.Server.Defenses;
using Contest.Server.Evaluations;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Backups;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Contest.Server.Leaderboards;
using Contest.Server.Notifications;
using Contest.Server.Quotas;
using Contest.Server.References;
using Contest.Server.Review;
using Contest.Server.Rounds;
using Contest.Server.Teams;
using Contest.Server.Workers;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Contest.Server.Hosting;

/// <summary>All of the server's wiring: each feature's services and options, gRPC, and the endpoints.</summary>
public static class ContestServerExtensions
{
    /// <summary>
    /// Registers the contest server's services and configures Kestrel for gRPC. A
    /// <see cref="TimeProvider"/> registered before this call (a test's fake clock) is kept.
    /// </summary>
    public static WebApplicationBuilder AddContestServer(this WebApplicationBuilder builder, string[] args)
    {
        builder.Configuration.AddCommandLine(ServerCommandLine.WithFlagValues(args), ServerCommandLine.SwitchMappings);
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
        // A backstop: calls still open this long after SIGTERM are cut off (ServerShutdown ends the long ones at once).
        services.Configure<HostOptions>(o => o.ShutdownTimeout = ServerShutdown.ShutdownTimeout);
        services.AddSingleton<OpenCalls>();
        // First of the hosted services, so its stop runs last: the prompt part is on ApplicationStopping.
        services.AddHostedService<ServerShutdown>();
        services.AddContestServices(builder.Configuration);
        services.AddGrpc(o =>
        {
            // Outermost first: a storage failure anywhere, the key check included, becomes a clear error.
            o.Interceptors.Add<StorageFailureInterceptor>();
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

    /// <summary>
    /// Every feature's services and options, bound from the "Contest" section of
    /// <paramref name="configuration"/>, without the web host (unit tests build a container from this).
    /// A <see cref="TimeProvider"/> registered before this call (a test's fake clock) is kept.
    /// </summary>
    public static IServiceCollection AddContestServices(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(StorageOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        AddInfrastructure(services, section);
        services.AddSingleton<OrganizerKeyFile>();
        AddDatasets(services, section);
        AddJobs(services, section);
        AddDefenses(services, section);
        AddAttacks(services, section);
        AddReview(services, section);
        AddRounds(services, section);
        AddWorkers(services, section);
        AddQuotas(services, section);
        AddReferences(services, section);
        AddAnalyses(services);
        services.AddSingleton<WarmupTable>();
        services.AddSingleton<MatrixTable>();
        services.AddSingleton<AttackerTable>();
        services.AddSingleton<IJobKindHandler, EvaluationJob>();
        services.AddSingleton<StartupReport>();
        services.AddHostedService(sp => sp.GetRequiredService<StartupReport>());
        return services;
    }

    /// <summary>
    /// Takes the data directory (refused with <see cref="DataDirectoryInUseException"/> while another
    /// server holds it), opens the checked database, prepares storage and the organizer key, then maps
    /// the gRPC services.
    /// </summary>
    public static WebApplication MapContestServer(this WebApplication app)
    {
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        app.Services.GetRequiredService<DataDirectoryLock>();
        app.Services.GetRequiredService<ContestDatabase>();
        app.Services.GetRequiredService<BlobStore>().DeleteAbandonedTemporaryFiles();
        var keyFile = app.Services.GetRequiredService<OrganizerKeyFile>().Ensure(storage.DataDirectoryFullPath);
        app.Services.GetRequiredService<StartupReport>().OrganizerKey = keyFile;

        var calls = app.Services.GetRequiredService<OpenCalls>();
        app.Use(calls.TrackAsync);
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
        app.MapGrpcService<AdminServiceImpl>();
        app.MapGrpcService<LimitServiceImpl>();
        app.MapGrpcService<ReferenceServiceImpl>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }

    private static void AddInfrastructure(IServiceCollection services, IConfigurationSection section)
    {
        services.AddOptions<StorageOptions>().Bind(section);
        services.AddOptions<BackupOptions>().Bind(section);
        services.AddOptions<BlobCollectorOptions>().Bind(section)
            .Validate(o => o.BlobGraceMinutes >= 0, "BlobGraceMinutes must be zero or more")
            .ValidateOnStart();
        // The lock comes first, and the database only with it: never two servers on one contest.db.
        services.AddSingleton(sp => DataDirectoryLock.Acquire(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectoryFullPath, sp.GetRequiredService<TimeProvider>().GetUtcNow()));
        services.AddSingleton(sp =>
        {
            sp.GetRequiredService<DataDirectoryLock>();
            return new ContestDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectoryFullPath,
                sp.GetRequiredService<ILogger<ContestDatabase>>(), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(sp => new BlobStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectoryFullPath));
        services.AddSingleton<Identities>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<AuthInterceptor>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<NotificationHub>();
        services.AddSingleton<StorageFailureInterceptor>();
        services.AddSingleton<StorageMaintenance>();
        services.AddSingleton<BackupMaker>();
        services.AddHostedService<AutomaticBackups>();
        services.AddSingleton<BlobCollector>();
        services.AddHostedService(sp => sp.GetRequiredService<BlobCollector>());
        services.AddOptions<StreamOptions>().Bind(section)
            .Validate(o => o.MaxStreamsPerKey > 0, "MaxStreamsPerKey must be positive")
            .Validate(o => o.StreamRecheckSeconds > 0, "StreamRecheckSeconds must be positive")
            .Validate(o => o.MaxStreamSeconds > 0, "MaxStreamSeconds must be positive")
            .ValidateOnStart();
        services.AddSingleton<StreamGuard>();
    }

    private static void AddDatasets(IServiceCollection services, IConfigurationSection section)
    {
        services.AddOptions<DatasetOptions>().Bind(section);
        services.AddSingleton<ServerDataset>();
        services.AddSingleton<IDatasetCatalog>(sp => sp.GetRequiredService<ServerDataset>());
        services.AddSingleton<IJobGate>(sp => sp.GetRequiredService<ServerDataset>());
        services.AddHostedService<DatasetPreparer>();
    }

    private static void AddJobs(IServiceCollection services, IConfigurationSection section)
    {
        services.AddOptions<JobOptions>().Bind(section)
            .Validate(o => o.LeaseSeconds > 0, "LeaseSeconds must be positive")
            .Validate(o => o.MaxArtifactsPerJob >= 0, "MaxArtifactsPerJob must be zero or more")
            .Validate(o => o.MaxArtifactBytesPerJob >= 0, "MaxArtifactBytesPerJob must be zero or more")
            .ValidateOnStart();
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobEvents>();
        services.AddSingleton<QueueSignal>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<IJobQueue>(sp => sp.GetRequiredService<JobQueue>());
        services.AddSingleton<JobSpecBuilder>();
        services.AddHostedService<LeaseMonitor>();
    }

    private static void AddDefenses(IServiceCollection services, IConfigurationSection section)
    {
        services.AddOptions<DefenseOptions>().Bind(section)
            .Validate(o => o.MaxUploadBytes > 0, "MaxUploadBytes must be positive")
            .Validate(o => o.MinThroughput >= 0, "MinThroughput must be zero or more")
            .Validate(o => o.MinCleanCoverage is > 0 and <= 1, "MinCleanCoverage must be in (0, 1]")
            .ValidateOnStart();
        services.AddSingleton<DefenseStore>();
        services.AddSingleton<DefenseUploadReceiver>();
        services.AddSingleton<DefenseRegistration>();
        services.AddSingleton<IJobKindHandler, ValidationJob>();
        services.AddSingleton<IJobKindHandler, EligibilityJob>();
    }

    private static void AddAttacks(IServiceCollection services, IConfigurationSection section)
    {
        services.AddOptions<AttackOptions>().Bind(section);
        services.AddSingleton<AttackStore>();
        services.AddSingleton<QuotaLedger>();
        services.AddSingleton<VerdictWaiters>();
        services.AddSingleton<OverdueVerdicts>();
        services.AddHostedService<VerdictDeadlineSweep>();
        services.AddSingleton<AttackSubmitter>();
        services.AddSingleton<IEarlierAttacks, EarlierAttacks>();
        services.AddSingleton<IJobKindHandler, VerdictJob>();
    }

    private static void AddReview(IServiceCollection services, IConfigurationSection section)
    {
        services.AddOptions<ReviewOptions>().Bind(section);
        services.AddSingleton<ReviewStore>();
        services.AddSingleton<ReviewConflicts>();
        services.AddSingleton<ReviewDesk>();
        services.AddSingleton<IReviewProgress, ReviewProgress>();
    }

    private static void AddRounds(IServiceCollection services, IConfigurationSection section)
    {
        services.AddOptions<RoundOptions>().Bind(section);
        services.AddSingleton<RoundStore>();
        services.AddSingleton<RoundBook>();
        services.AddSingleton<IAttackRounds>(sp => sp.GetRequiredService<RoundBook>());
        services.AddSingleton<BreakBook>();
        services.AddSingleton<RoundPublisher>();
        services.AddSingleton<IValidityListener>(sp => sp.GetRequiredService<RoundPublisher>());
        services.AddSingleton<Appeals>();
        services.AddHostedService<RoundClock>();
    }

    private static void AddWorkers(IServiceCollection services, IConfigurationSection section)
    {
        services.AddOptions<LocalWorkerOptions>().Bind(section)
            .Validate(o => o.Workers >= 0, "Workers must be zero or more")
            .ValidateOnStart();
        services.AddSingleton<WorkerRegistry>();
        services.AddSingleton<LeaseGuard>();
        services.AddSingleton<JobImages>();
        services.AddSingleton<ArtifactReceiver>();
        services.AddSingleton<LocalWorkerKey>();
        services.AddSingleton<LocalWorkerPool>();
        services.AddHostedService(sp => sp.GetRequiredService<LocalWorkerPool>());
    }

    private static void AddQuotas(IServiceCollection services, IConfigurationSection section)
    {
        services.AddOptions<LimitOptions>().Bind(section)
            .Validate(o => o.DailyDefenseUploads >= 0, "DailyDefenseUploads must be zero or more")
            .Validate(o => o.MaxTeamEvaluations >= 0, "MaxTeamEvaluations must be zero or more")
            .Validate(o => o.MaxTeamBytes >= 0, "MaxTeamBytes must be zero or more")
            .ValidateOnStart();
        services.AddSingleton<TeamUsageCounter>();
        services.AddSingleton<FairShare>();
        services.AddSingleton<IUploadLimits>(sp => sp.GetRequiredService<FairShare>());
        services.AddSingleton<IAttackImageLimits>(sp => sp.GetRequiredService<FairShare>());
    }

    private static void AddReferences(IServiceCollection services, IConfigurationSection section)
    {
        services.AddOptions<ReferenceOptions>().Bind(section);
        services.AddSingleton<ReferenceStore>();
        services.AddSingleton<ReferenceTrainer>();
        services.AddSingleton<IJobKindHandler, TrainingJob>();
        services.AddSingleton<IBaselineFollowUp, BaselineEvaluations>();
        services.AddSingleton<BaselineSeeding>();
        services.AddHostedService<BaselineSeeder>();
    }

    private static void AddAnalyses(IServiceCollection services)
    {
        services.AddSingleton<AnalysisStore>();
        services.AddSingleton<AnalysisRunner>();
        services.AddSingleton<AnalysisReader>();
        services.AddSingleton<IJobKindHandler, AnalysisJob>();
    }

    private static bool HasConfiguredEndpoints(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration["urls"]) ||
        !string.IsNullOrEmpty(configuration["ASPNETCORE_URLS"]) ||
        !string.IsNullOrEmpty(configuration["http_ports"]) ||
        !string.IsNullOrEmpty(configuration["https_ports"]) ||
        configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
}
