using System.Text.Json;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary>What the CLI test classes share: exit-code assertions, reading --json output, and setting up callers.</summary>
internal static class CliTesting
{
    public static void AssertExit(int expected, CliRun run) => Assert.True(run.ExitCode == expected, $"expected exit {expected}, got {run}");

    /// <summary>The run failed with <paramref name="expected"/> and said <paramref name="says"/> on stderr.</summary>
    public static void AssertError(int expected, string says, CliRun run)
    {
        AssertExit(expected, run);
        Assert.Contains(says, run.Error, StringComparison.Ordinal);
    }

    public static JsonElement Json(CliRun run) => JsonDocument.Parse(run.Out).RootElement.Clone();

    /// <summary>A CLI logged in as a new user with <paramref name="role"/>; each call makes another user.</summary>
    /// <param name="clock">The CLI's own clock; the real one unless a test needs "now" to be a known instant.</param>
    public static async Task<CliHarness> CliAsAsync(this RunningServer server, Role role, TimeProvider? clock = null) =>
        new(server.BaseAddress, await server.CreateUserWithTokenAsync($"{role.ToWire()}-{Guid.NewGuid():N}", role)) { Clock = clock ?? TimeProvider.System };

    /// <summary>A new service written straight to the database, for tests that are not about services (those use the API or <c>firebreak service</c>).</summary>
    public static async Task<string> AddServiceAsync(this RunningServer server)
    {
        var key = $"svc-{Guid.NewGuid():N}"[..20];
        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Storage.FirebreakDb>();
        db.Services.Add(new Server.Features.Catalog.Service { Key = key, Name = key });
        await db.SaveChangesAsync();
        return key;
    }
}
