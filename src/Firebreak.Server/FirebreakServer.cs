using Firebreak.Server.Components;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.ActionItems;
using Firebreak.Server.Features.Analytics;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Comms;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Escalation;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Features.Maintenance;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Features.OnCall;
using Firebreak.Server.Features.Ops;
using Firebreak.Server.Features.Reviews;
using Firebreak.Server.Features.Runbooks;
using Firebreak.Server.Features.StatusPage;
using Firebreak.Server.Hosting;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;

namespace Firebreak.Server;

/// <summary>How to start a server: where it listens, where data lives, whether to load demo data.</summary>
public sealed record ServerOptions
{
    public string Urls { get; init; } = "http://127.0.0.1:8080";
    public string DataDir { get; init; } = "data";
    /// <summary>Configuration key set when the server runs with demo data, for features whose defaults differ then.</summary>
    public const string DemoKey = "Firebreak:Demo";

    public bool Demo { get; init; }
    public string? ExamplesDir { get; init; }
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
    public TimeProvider? Clock { get; init; }
    public string EnvironmentName { get; init; } = "Production";

    /// <summary>Services added after the features' own, for a host embedding the server (the tests add work handlers).</summary>
    public Action<IServiceCollection>? Services { get; init; }
}

public static class FirebreakServer
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// The features this server is made of, lowest first: each registers its services, pages' panels and links, config
    /// section and work handlers, then maps its endpoints. A new feature is a folder and a line here.
    /// </summary>
    private static readonly IFeature[] s_features =
    [
        new OpsFeature(),
        new AuditFeature(),
        new AuthFeature(),
        new CatalogFeature(),
        new IncidentsFeature(),
        new MaintenanceFeature(),
        new IntakeFeature(),
        new OnCallFeature(),
        new NotificationsFeature(),
        new EscalationFeature(),
        new RunbooksFeature(),
        new ReviewsFeature(),
        new ActionItemsFeature(),
        new AnalyticsFeature(),
        new StatusPageFeature(),
        new CommsFeature(),
        new ConfigFeature(),
    ];

    public static WebApplication Build(ServerOptions options, string[]? args = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ApplicationName = typeof(FirebreakServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = options.EnvironmentName,
        });
        builder.Configuration.AddInMemoryCollection(options.Settings);
        if (options.Demo)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [ServerOptions.DemoKey] = "true" });
        }

        // EF's per-command log lines would drown what an operator needs to see; warnings and errors still show.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Static assets are served from the build manifest, so a missing wwwroot folder next to the binary is expected.
        builder.Logging.AddFilter("Microsoft.AspNetCore.StaticFiles", LogLevel.Error);
        // The key ring is stored unencrypted in a folder only this user can read, like the database beside it (there is
        // no certificate or vault to encrypt it with); the framework warns about that at every key it makes.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.WebHost.UseUrls(options.Urls);
        // Run from the build output (dotnet run, the E2E tests) there is no wwwroot next to the binary, and without this
        // the asset endpoints answer 200 with empty bodies: no CSS, no blazor.web.js. Published builds carry no runtime
        // manifest, so this does nothing there.
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            k.AddServerHeader = false;
        });

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(options.Clock ?? TimeProvider.System);
        services.AddFirebreakStorage(StorageOptions.FromConfiguration(builder.Configuration, options.DataDir));
        services.AddKeyRing(builder.Configuration, options.DataDir);
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHttpContextAccessor();
        services.AddBehindProxy(builder.Configuration);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower));
        });

        services.AddEngine(builder.Configuration);
        foreach (var feature in s_features)
        {
            feature.AddServices(services, builder.Configuration);
        }

        options.Services?.Invoke(services);

        // After the features' own handlers (intake's busy answer): whatever they did not claim, unreadable bodies and
        // lost races keep their 4xx instead of becoming a 500.
        services.AddExceptionHandler<BadBodyExceptionHandler>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<ConflictExceptionHandler>();

        // Pages hand their prerendered data to the live circuit in the first hub message; a full audit page or incident
        // list is well over SignalR's 32 KB default, and an oversized message closes the circuit.
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = 1024 * 1024);

        var app = builder.Build();
        app.UseBehindProxy();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseRoutingWithNotFoundPage(IsApi);
        app.UseRequestBodyLimit();
        // API clients get problem documents for bare status codes (401 from the framework, 404 for unknown routes).
        app.UseWhen(c => IsApi(c.Request.Path), b => b.UseStatusCodePages());
        OpsFeature.UseHttpMetrics(app);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi();
        app.MapEngine();
        foreach (var feature in s_features)
        {
            feature.Map(app);
        }

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>
    /// The config reader with every feature's section, for <c>config validate</c>, which starts no server and opens no
    /// database: the features register into a bare service collection of which only the reader is built.
    /// </summary>
    public static ConfigReader OfflineConfigReader()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();
        foreach (var feature in s_features)
        {
            feature.AddServices(services, configuration);
        }

        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<ConfigReader>();
    }

    /// <summary>Migrates, seeds what a fresh instance needs, and loads demo data when asked.</summary>
    public static async Task PrepareAsync(WebApplication app, TextWriter console, CancellationToken ct = default)
    {
        await StorageSetup.MigrateAsync(app.Services, ct);
        foreach (var feature in s_features)
        {
            // A scope per feature: one feature's tracked entities never leak into the next one's save.
            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            await feature.PrepareAsync(new FeaturePreparation(services, services.GetRequiredService<ServerOptions>(), app.Configuration, console), ct);
        }
    }

    private static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/v2", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/integrations", StringComparison.OrdinalIgnoreCase);
}
