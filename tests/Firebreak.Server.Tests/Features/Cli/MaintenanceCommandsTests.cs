using System.Globalization;
using Firebreak.Cli;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Tests.Support;
using static Firebreak.Server.Tests.Features.Cli.CliTesting;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary><c>firebreak maintenance …</c> against a real server whose clock stands still.</summary>
public sealed class MaintenanceCommandsTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RunningServer Server => fixture.Server;

    private string At(TimeSpan fromNow) => Server.Clock.GetUtcNow().Add(fromNow).ToString("yyyy-MM-ddTHH:mmZ", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Maintenance_AddEachKindListAndRemove()
    {
        using var admin = await Server.CliAsAsync(Role.Admin);
        var service = await Server.AddServiceAsync();

        var once = await admin.RunAsync("maintenance", "add", service, "--reason", "Database failover drill",
            "--from", At(TimeSpan.FromMinutes(-5)), "--to", At(TimeSpan.FromMinutes(30)));
        AssertExit(ExitCodes.Ok, once);
        Assert.Matches($@"^Added maintenance window \d+ on {service}: .+ to .+ UTC \(UTC\); active now\.", once.Out);

        var weekly = await admin.RunAsync("maintenance", "add", service, "--reason", "Sunday patching",
            "--days", "sat", "--days", "sun", "--start-time", "02:00", "--length", "2h", "--time-zone", "Europe/Berlin");
        AssertExit(ExitCodes.Ok, weekly);
        Assert.Contains("sat,sun 02:00 for 2h (Europe/Berlin); next starts ", weekly.Out, StringComparison.Ordinal);

        var cron = await admin.RunAsync("maintenance", "add", service, "--reason", "Nightly backup", "--cron", "30 1 * * *", "--length", "45m", "--json");
        AssertExit(ExitCodes.Ok, cron);
        Assert.Equal("cron", Json(cron).Str("kind"));
        Assert.Equal(45 * 60, Json(cron).GetProperty("lengthSeconds").GetInt32());

        var list = await admin.RunAsync("maintenance", "list", service);
        AssertExit(ExitCodes.Ok, list);
        var lines = list.Out.TrimEnd().Split('\n');
        Assert.Contains("NEXT START (UTC)", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"once\s+.+ to .+ UTC\s+UTC\s+active\s+", lines[1]);
        Assert.Matches(@"weekly\s+sat,sun 02:00 for 2h\s+Europe/Berlin\s+-\s+\d{4}-", lines[2]);
        Assert.Matches(@"cron\s+'30 1 \* \* \*' for 45m\s+", lines[3]);
        Assert.Contains("Database failover drill", lines[1], StringComparison.Ordinal);

        var id = Json(cron).GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        var removed = await admin.RunAsync("maintenance", "remove", service, id);
        AssertExit(ExitCodes.Ok, removed);
        Assert.Equal($"Removed maintenance window {id} from {service}: Nightly backup", removed.Out.Trim());
        var after = await admin.RunAsync("maintenance", "list", service, "--json");
        Assert.Equal(2, Json(after).GetArrayLength());

        var again = await admin.RunAsync("maintenance", "remove", service, id);
        AssertError(ExitCodes.Refused, $"No maintenance window {id} on service '{service}'.", again);
    }

    [Fact]
    public async Task Maintenance_ListEmptyAndUnknownService()
    {
        using var viewer = await Server.CliAsAsync(Role.Viewer);
        var service = await Server.AddServiceAsync();

        var empty = await viewer.RunAsync("maintenance", "list", service);
        var unknown = await viewer.RunAsync("maintenance", "list", "no-such-service");

        AssertExit(ExitCodes.Ok, empty);
        Assert.StartsWith("No maintenance windows", empty.Out, StringComparison.Ordinal);
        AssertError(ExitCodes.Refused, "No service 'no-such-service'.", unknown);
    }

    [Fact]
    public async Task Maintenance_AddBadCron_ExitsOneWithTheServersReason()
    {
        using var admin = await Server.CliAsAsync(Role.Admin);
        var service = await Server.AddServiceAsync();

        var run = await admin.RunAsync("maintenance", "add", service, "--reason", "x", "--cron", "every night", "--length", "1h");

        AssertError(ExitCodes.Refused, "schedule: ", run);
    }

    [Fact]
    public async Task Maintenance_AddWithViewerToken_ExitsThree()
    {
        using var viewer = await Server.CliAsAsync(Role.Viewer);
        var service = await Server.AddServiceAsync();

        var run = await viewer.RunAsync("maintenance", "add", service, "--reason", "x", "--from", "now", "--to", At(TimeSpan.FromDays(400)));

        AssertError(ExitCodes.Auth, "role", run);
    }

    [Fact]
    public async Task Maintenance_AddOrRemoveWithResponderToken_ExitsThree_AWindowIsAnAdminDecision()
    {
        using var responder = await Server.CliAsAsync(Role.Responder);
        using var admin = await Server.CliAsAsync(Role.Admin);
        var service = await Server.AddServiceAsync();
        var added = await admin.RunAsync("maintenance", "add", service, "--reason", "x", "--from", At(TimeSpan.Zero), "--to", At(TimeSpan.FromHours(1)), "--json");
        AssertExit(ExitCodes.Ok, added);
        var id = Json(added).GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);

        var add = await responder.RunAsync("maintenance", "add", service, "--reason", "y", "--from", At(TimeSpan.Zero), "--to", At(TimeSpan.FromHours(1)));
        var remove = await responder.RunAsync("maintenance", "remove", service, id);

        AssertError(ExitCodes.Auth, "role", add);
        AssertError(ExitCodes.Auth, "role", remove);
        Assert.Equal(1, Json(await responder.RunAsync("maintenance", "list", service, "--json")).GetArrayLength());
    }

    [Theory]
    [InlineData("Say when", "--reason", "x")]
    [InlineData("not a mix", "--reason", "x", "--from", "now", "--to", "2030-01-01T00:00Z", "--cron", "0 2 * * *")]
    [InlineData("needs both --from and --to", "--reason", "x", "--from", "now")]
    [InlineData("not a time with a zone", "--reason", "x", "--from", "2030-01-01T02:00", "--to", "2030-01-01T03:00Z")]
    [InlineData("--length is for weekly and cron", "--reason", "x", "--from", "now", "--to", "2030-01-01T03:00Z", "--length", "1h")]
    [InlineData("needs --days and --start-time", "--reason", "x", "--days", "sun", "--length", "1h")]
    [InlineData("Say how long", "--reason", "x", "--cron", "0 2 * * *")]
    [InlineData("--reason", "--cron", "0 2 * * *", "--length", "1h")]
    public async Task Maintenance_AddWrongUsage_ExitsTwoAndSendsNothing(string says, params string[] args)
    {
        using var responder = await Server.CliAsAsync(Role.Responder);

        var run = await responder.RunAsync(["maintenance", "add", "no-such-service", .. args]);

        AssertError(ExitCodes.Usage, says, run);
        Assert.Contains("--help' for usage.", run.Error, StringComparison.Ordinal);
    }
}
