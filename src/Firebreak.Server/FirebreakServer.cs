using System.Threading.RateLimiting;
using Firebreak.Core.Severity;
using Firebreak.Server.Components;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Escalation;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Features.Maintenance;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Features.Notifications.Channels;
using Firebreak.Server.Features.OnCall;
using Firebreak.Server.Features.Ops;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server;

/// <summary>How to start a server: where it listens, where data lives, whether to load demo data.</summary>
public sealed record ServerOptions
{
    public string Urls { get; init; } = "http://127.0.0.1:8080";
    public string DataDir { get; init; } = "data";
    public bool Demo { get; init; }
    public string? ExamplesDir { get; init; }
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
    public TimeProvider? Clock { get; init; }
    public string EnvironmentName { get; init; } = "Production";
}

public static class FirebreakServer
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Where a demo's notifications may go when nothing is configured: anywhere public, and this machine.</summary>
    public const string DemoAllowedHosts = "*, 127.0.0.0/8, ::1";

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
        if (options.Demo && builder.Configuration[OutboundHosts.ConfigKey] is null)
        {
            // A demo runs on one machine, and a webhook receiver to try paging with listens there too.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [OutboundHosts.ConfigKey] = DemoAllowedHosts });
        }

        // EF's per-command log lines would drown what an operator needs to see; warnings and errors still show.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Static assets are served from the build manifest, so a missing wwwroot folder next to the binary is expected.
        builder.Logging.AddFilter("Microsoft.AspNetCore.StaticFiles", LogLevel.Error);
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
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHttpContextAccessor();
        services.AddBehindProxy(builder.Configuration);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower));
        });

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.AccessDeniedPath = "/denied";
                o.Cookie.Name = "firebreak";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the browser's request is https, which behind a trusted proxy is its forwarded scheme.
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = CookieValidation.ValidateAsync;
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenDefaults.Scheme, null);
        services.AddAuthorization(Policies.Configure);
        services.AddCascadingAuthenticationState();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                await Results.Problem("Too many sign-in attempts from this address. Wait a minute and try again.",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(ctx.HttpContext);
            };
            // Keyed on the client as the forwarded headers from trusted proxies name it, never on the proxy itself.
            o.AddPolicy(AuthEndpoints.SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                ReverseProxy.ClientKey(http),
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = builder.Configuration.GetValue("Firebreak:SignInAttemptsPerMinute", 10),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });

        services.AddScoped<AuditLog>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<AccountService>();
        services.AddScoped<ApiTokenService>();
        services.AddScoped<SeverityCatalog>();
        services.AddSingleton<SeveritySchemeCache>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<SeveritySchemeCache>());
        services.AddScoped<CatalogReader>();
        services.AddScoped<IncidentReader>();
        services.AddScoped<IncidentService>();
        services.AddScoped<ConfigApplier>();
        services.AddScoped<IntakeService>();
        services.AddScoped<IntakeBatch>();
        services.AddSingleton(IntakeWriterLimits.FromConfiguration(builder.Configuration));
        services.AddSingleton<IntakeWriter>();
        services.AddSingleton<AlertActivity>();
        services.AddHostedService(sp => sp.GetRequiredService<IntakeWriter>());
        services.AddSingleton<IntegrationDirectory>();
        services.AddSingleton<MaintenanceHolds>();
        services.AddHostedService<MaintenanceRelease>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<IntegrationDirectory>());
        services.AddExceptionHandler<IntakeBusyHandler>();
        services.AddScoped<MaintenanceService>();
        services.AddScoped<ScheduleService>();
        services.AddScoped<FeedTokens>();
        services.AddScoped<AlertMoveService>();
        services.AddSingleton<IntakeRateLimits>();
        services.AddScoped<IntegrationService>();
        services.AddScoped<GenericMappingService>();
        services.AddScoped<AlertQueries>();
        services.AddSingleton<IncidentEvents>();
        services.AddScoped<EscalationPolicyService>();
        services.AddScoped<IncidentEscalationService>();
        services.AddScoped<ContactService>();
        services.AddNotificationChannels(builder.Configuration);
        services.AddSingleton(NotificationOptions.FromConfiguration(builder.Configuration));
        services.AddSingleton<ChannelBreakers>();
        services.AddSingleton<PublicLinks>();
        services.AddSingleton<NotifyHandler>();
        services.AddSingleton<IWorkHandler>(sp => sp.GetRequiredService<NotifyHandler>());
        services.AddSingleton<IWorkHandler, BundleHandler>();
        services.AddSingleton<IWorkHandler, EscalationHandler>();
        services.AddSingleton<IWorkHandler, HandoffHandler>();
        services.AddSingleton(WorkRunnerOptions.FromConfiguration(builder.Configuration));
        services.AddSingleton<WorkSignal>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<WorkSignal>());
        services.AddSingleton<WorkRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkRunner>());
        services.AddOps();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, Components.Shared.UiSessionRevalidator>();

        var app = builder.Build();
        app.UseBehindProxy();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        // API clients get problem documents for bare status codes (401 from the framework, 404 for unknown routes).
        app.UseWhen(c => IsApi(c.Request.Path), b => b.UseStatusCodePages());
        app.UseFirebreakHttpMetrics();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi();
        app.MapOpsEndpoints();
        app.MapAuthEndpoints();
        app.MapIncidentApi();
        app.MapAuditApi();
        app.MapIntakeEndpoints();
        app.MapIntakeAdminApi();
        app.MapMaintenanceApi();
        app.MapScheduleApi();
        app.MapEscalationApi();
        app.MapContactApi();
        app.MapAckLinks();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>Migrates, seeds what a fresh instance needs, and loads demo data when asked.</summary>
    public static async Task PrepareAsync(WebApplication app, TextWriter console, CancellationToken ct = default)
    {
        await StorageSetup.MigrateAsync(app.Services, ct);
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<FirebreakDb>();
        var options = sp.GetRequiredService<ServerOptions>();
        if (!await db.SeverityLevels.AnyAsync(ct))
        {
            await sp.GetRequiredService<SeverityCatalog>().ReplaceAsync(SeverityPresets.Sev, ct);
            await db.SaveChangesAsync(ct);
        }

        await HandoffHandler.EnsureAsync(db, sp.GetRequiredService<TimeProvider>().GetUtcNow(), ct);

        var config = app.Configuration;
        var adminName = config["FIREBREAK_ADMIN_USERNAME"] ?? "admin";
        var password = await sp.GetRequiredService<AccountService>()
            .EnsureFirstAdminAsync(adminName, config["FIREBREAK_ADMIN_PASSWORD"], ct);
        if (password is not null)
        {
            await console.WriteLineAsync($"First admin created. Sign in as '{adminName}' with password: {password}");
            await console.WriteLineAsync("This password is shown only once.");
        }

        if (options.Demo)
        {
            var dir = options.ExamplesDir ?? ConfigApplier.FindExamplesDir();
            var result = await sp.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir, demo: true, ct);
            if (app.Configuration[OutboundHosts.ConfigKey] == DemoAllowedHosts)
            {
                await console.WriteLineAsync($"Demo: notifications may also go to this machine ({OutboundHosts.ConfigKey}={DemoAllowedHosts}).");
            }

            await console.WriteLineAsync(result.Errors.Count == 0
                ? $"Demo data loaded from {dir}: {result.Summary}. Demo users sign in with password '{ConfigApplier.DemoPassword}'."
                : $"Demo data in {dir} has errors:{Environment.NewLine}{string.Join(Environment.NewLine, result.Errors)}");
            foreach (var notice in result.Notices)
            {
                await console.WriteLineAsync(notice);
            }
        }
    }

    private static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/v2", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/integrations", StringComparison.OrdinalIgnoreCase);
}
