using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Warden.Edge.Diagnostics;
using Warden.Edge.Hosting;
using Warden.Grains.Interfaces.Policy;
using Warden.Grains.Policy;
using Warden.Grains.Sessions;
using Warden.Silo.Recording;
using Warden.Silo.ControlDatabase;
using Warden.Silo.DevIssuer;
using Warden.Silo.Masking;
using Warden.Silo.Objects;

namespace Warden.Silo.Hosting;

/// <summary>Everything a silo host registers: policy, Orleans, the REST API endpoint, and the co-hosted edge.</summary>
internal static class WardenSiloExtensions
{
    public const string ControlDatabaseKey = EdgeClusterExtensions.ControlDatabaseKey;
    public const string DevIssuerAudience = "warden";

    public static WebApplicationBuilder AddWardenSilo(this WebApplicationBuilder builder, SiloMode mode, string? policyYaml = null)
    {
        var configuration = builder.Configuration;
        builder.Services.AddSingleton(mode);
        if (mode.DevelopmentConveniences)
        {
            // Development defaults, added only where nothing is configured (a later source would win).
            AddDefault(configuration, $"{EdgeOptions.SectionName}:{nameof(EdgeOptions.SelfSignedCertificate)}", "true");
            AddDefault(configuration, $"{EdgeOptions.SectionName}:{nameof(EdgeOptions.AllowCleartextTokenOnLoopback)}", "true");
        }
        var options = configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        builder.Services.AddOptions<SiloOptions>().Bind(configuration.GetSection(SiloOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        var extraIssuers = new List<IdentityIssuer>();
        if (mode.DevelopmentConveniences)
        {
            var issuer = DevIssuerUri(options);
            builder.Services.AddDevIssuer(issuer);
            extraIssuers.Add(new IdentityIssuer(issuer.ToString().TrimEnd('/'), DevIssuerAudience, "groups"));
        }
        var (bootstrap, policy) = PolicyBootstrap.Load(mode, configuration, policyYaml);
        builder.Services.AddSingleton(new PolicyRuntime(policy, extraIssuers));
        builder.Services.AddRecordingStore(configuration);
        builder.Services.AddOptions<SessionLivenessOptions>().Bind(configuration.GetSection(SessionLivenessOptions.SectionName));
        builder.Services.AddObjectRules(configuration);
        builder.Services.AddMasking(configuration);
        builder.Services.AddSingleton(bootstrap);

        var control = configuration[ControlDatabaseKey];
        if (!string.IsNullOrEmpty(control))
        {
            // Registered before Orleans so the schema exists when membership starts.
            builder.Services.AddHostedService(sp => new ControlDatabaseMigrationService(control, sp.GetRequiredService<ILogger<ControlDatabaseMigrationService>>()));
        }
        else if (!mode.DevelopmentConveniences)
        {
            throw new InvalidOperationException($"No control database configured ({ControlDatabaseKey}); only --dev and --demo fall back to localhost clustering.");
        }
        else
        {
            Console.Error.WriteLine("warden: no control database configured; using localhost clustering and in-memory grain storage (development only).");
        }
        builder.UseOrleans(silo => ConfigureOrleans(silo, configuration, options, control));
        // After Orleans (hosted services start in order) and before Kestrel (started last by WebApplication).
        builder.Services.AddHostedService<PolicySync>();
        builder.Services.AddWardenTokenValidation();

        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<SiloOptions>>((kestrel, silo) =>
            kestrel.Listen(IPAddress.Parse(silo.Value.ApiListenAddress), silo.Value.ApiPort));
        if (options.CoHostEdge)
        {
            builder.Services.AddWardenEdge(configuration);
        }
        builder.Services.AddWardenTelemetry("warden-silo");
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static Uri DevIssuerUri(SiloOptions options) => new($"http://{options.ApiListenAddress}:{options.ApiPort}/dev");

    private static void ConfigureOrleans(ISiloBuilder silo, IConfiguration configuration, SiloOptions options, string? control)
    {
        silo.Configure<ClusterOptions>(o => ClusterIdentity.Apply(o, configuration));
        if (string.IsNullOrEmpty(control))
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
        }
        else
        {
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = control;
            });
            silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
        }
        // The policy and each session's identity and recording anchor are durable on the control database;
        // reminders wake a lost silo's sessions elsewhere so their recordings get sealed.
        if (string.IsNullOrEmpty(control))
        {
            silo.AddMemoryGrainStorage(StorageNames.Warden);
            silo.UseInMemoryReminderService();
        }
        else
        {
            silo.AddAdoNetGrainStorage(StorageNames.Warden, o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = control;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = control;
            });
        }
        silo.Configure<ReminderOptions>(o =>
        {
            // Test and small deployments may check liveness more often than Orleans' one-minute default allows.
            var period = configuration.GetSection(SessionLivenessOptions.SectionName).Get<SessionLivenessOptions>()?.ReminderPeriod;
            if (period is { } p && p < o.MinimumReminderPeriod)
            {
                o.MinimumReminderPeriod = p;
            }
        });
    }

    private static void AddDefault(IConfigurationManager configuration, string key, string value)
    {
        if (configuration[key] is null)
        {
            configuration.AddInMemoryCollection([new(key, value)]);
        }
    }
}
