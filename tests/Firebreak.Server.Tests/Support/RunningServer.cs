using System.Net.Http.Headers;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Notifications.Channels;
using Firebreak.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Firebreak.Server.Tests.Support;

/// <summary>
/// A real Firebreak server on a loopback port with its own database, a fake clock, and one API client per role.
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    public const string AdminPassword = "admin-password-for-tests";
    public const string UserPassword = "user-password-for-tests";

    /// <summary>Public destinations, as by default, plus the loopback address the test receivers listen on.</summary>
    public const string ReceiverAllowedHosts = "*, 127.0.0.1";

    private IReadOnlyDictionary<string, string?> _settings = new Dictionary<string, string?>();

    private RunningServer(WebApplication app, TestDatabase database, FakeTimeProvider clock, Uri baseAddress, ServerLog log)
    {
        App = app;
        Log = log;
        Database = database;
        Clock = clock;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>What the server logged at Error or above since it started (or since <see cref="ServerLog.Clear"/>).</summary>
    public ServerLog Log { get; }

    public Uri BaseAddress { get; }

    public HttpClient Anonymous { get; private set; } = null!;

    public HttpClient Viewer { get; private set; } = null!;

    public HttpClient Responder { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public string ResponderToken { get; private set; } = "";

    public static async Task<RunningServer> StartAsync(
        DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 2, 12, 0, TimeSpan.Zero));
        var all = new Dictionary<string, string?>(database.Settings)
        {
            ["FIREBREAK_ADMIN_PASSWORD"] = AdminPassword,
            // Test receivers listen on 127.0.0.1, which an unconfigured server refuses to post to.
            [OutboundHosts.ConfigKey] = ReceiverAllowedHosts,
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        var app = FirebreakServer.Build(new ServerOptions
        {
            Urls = "http://127.0.0.1:0",
            DataDir = database.DataDir,
            Settings = all,
            Clock = clock,
            Services = registry => CheapPasswordHashes(registry, services),
        });
        var log = new ServerLog();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        await FirebreakServer.PrepareAsync(app, TextWriter.Null);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new RunningServer(app, database, clock, new Uri(address), log) { _settings = all };
        await server.CreateClientsAsync();
        return server;
    }

    /// <summary>Another node of the same deployment: same database, same clock, its own port and engines.</summary>
    public async Task<WebApplication> StartPeerAsync()
    {
        var peer = FirebreakServer.Build(new ServerOptions
        {
            Urls = "http://127.0.0.1:0",
            DataDir = Database.DataDir,
            Settings = _settings,
            Clock = Clock,
            Services = registry => CheapPasswordHashes(registry, null),
        });
        await FirebreakServer.PrepareAsync(peer, TextWriter.Null);
        await peer.StartAsync();
        return peer;
    }

    /// <summary>
    /// One PBKDF2 round instead of 100,000: each server signs up four people before its first test, and at ~50 ms a hash
    /// that was a quarter of every server's start. Sign-in still runs the real hasher, only cheaper.
    /// </summary>
    private static void CheapPasswordHashes(IServiceCollection registry, Action<IServiceCollection>? more)
    {
        registry.Configure<PasswordHasherOptions>(o => o.IterationCount = 1);
        more?.Invoke(registry);
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Runs <paramref name="work"/> against the server's own database, for assertions on what was stored.</summary>
    public async Task<T> WithDbAsync<T>(Func<FirebreakDb, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<FirebreakDb>());
    }

    /// <summary>
    /// Waits until no work is being run. Advance the fake clock only after this: a jump past a running item's lease
    /// (60 s on the same clock) hands it to the loop again, and a page whose send finished but whose completion had not
    /// yet committed is then sent twice — an artifact of the jump, since a real send is bounded well inside its lease.
    /// </summary>
    public Task WorkAtRestAsync() =>
        Eventually.WaitForAsync(
            () => WithDbAsync(async db => await db.WorkItems.CountAsync(w => w.LeaseOwner != null) + await db.WorkWakes.CountAsync()),
            n => n == 0, TimeSpan.FromSeconds(15), "no work being run or waiting to be woken");

    public async Task<string> CreateUserWithTokenAsync(string username, Role role)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var created = await accounts.CreateAsync(Actor.System, new CreateUserRequest(username, username, null, role.ToWire(), UserPassword), default);
        var tokens = scope.ServiceProvider.GetRequiredService<ApiTokenService>();
        var token = await tokens.CreateAsync(Actor.System, created.Value!.Id, new CreateTokenRequest("test"), default);
        return token.Value!.Secret;
    }

    private async Task CreateClientsAsync()
    {
        Anonymous = Client();
        Viewer = Client(await CreateUserWithTokenAsync("vera", Role.Viewer));
        ResponderToken = await CreateUserWithTokenAsync("rita", Role.Responder);
        Responder = Client(ResponderToken);
        Admin = Client(await CreateUserWithTokenAsync("adam", Role.Admin));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in new[] { Anonymous, Viewer, Responder, Admin })
        {
            c?.Dispose();
        }

        await App.StopAsync();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public abstract class ServerFixture(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RunningServer.StartAsync(provider, settings);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class SqliteServerFixture() : ServerFixture(DatabaseProvider.Sqlite);

public sealed class PostgresServerFixture() : ServerFixture(DatabaseProvider.Postgres);
