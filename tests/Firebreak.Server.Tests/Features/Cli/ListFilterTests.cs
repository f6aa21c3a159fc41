using System.Net;
using Firebreak.Cli;
using Firebreak.Server.Tests.Support;
using static Firebreak.Server.Tests.Features.Cli.CliTesting;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary>The list filters and kinds the web UI offers work on the command line too (issue 11 #15).</summary>
public sealed class ListFilterTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RunningServer Server => fixture.Server;

    private CliHarness Responder() => new(Server.BaseAddress, Server.ResponderToken);

    [Fact]
    public async Task IncidentList_StatusOpen_ListsOpenIncidentsOnly()
    {
        var title = $"Open filter {Guid.NewGuid():N}";
        var resolvedTitle = $"Resolved filter {Guid.NewGuid():N}";
        await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title, severity = "SEV-3" }).ExpectAsync(HttpStatusCode.Created);
        using var cli = Responder();
        var declared = await cli.RunAsync("incident", "declare", resolvedTitle, "-s", "SEV-4", "--json");
        var number = Json(declared).GetProperty("number").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        AssertExit(ExitCodes.Ok, await cli.RunAsync("incident", "resolve", number));

        var run = await cli.RunAsync("incident", "list", "--status", "open", "--json");

        AssertExit(ExitCodes.Ok, run);
        var titles = Json(run).EnumerateArray().Select(i => i.Str("title")).ToList();
        Assert.Contains(title, titles);
        Assert.DoesNotContain(resolvedTitle, titles);
    }

    [Fact]
    public async Task AlertList_StatusAll_ExitsZero()
    {
        using var cli = Responder();

        var run = await cli.RunAsync("alert", "list", "--status", "all", "--json");

        AssertExit(ExitCodes.Ok, run);
    }

    [Fact]
    public async Task IntegrationCreateHelp_NamesEveryKind()
    {
        using var cli = Responder();

        var run = await cli.RunAsync("integration", "create", "--help");

        AssertExit(ExitCodes.Ok, run);
        foreach (var kind in new[] { "pagerduty", "alertmanager", "grafana", "generic" })
        {
            Assert.Contains(kind, run.Out, StringComparison.Ordinal);
        }
    }
}
