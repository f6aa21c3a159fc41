using System.Net;
using System.Text.Json;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary>The built <c>firebreak</c> program as a child process: real console, real environment variables.</summary>
public sealed class CliExecutableTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public async Task IncidentListJson_BuiltExecutable_PrintsTheIncidentsAndExitsZero()
    {
        var server = fixture.Server;
        await server.Responder.PostJsonAsync("/api/v1/incidents", new { title = "Queue consumers stalled", severity = "SEV-3" })
            .ExpectAsync(HttpStatusCode.Created);
        var configHome = Directory.CreateTempSubdirectory("firebreak-cli-").FullName;
        try
        {
            var run = await FirebreakProcess.RunAsync(
                new Dictionary<string, string?>
                {
                    ["FIREBREAK_URL"] = server.BaseAddress.ToString(),
                    ["FIREBREAK_TOKEN"] = server.ResponderToken,
                    ["XDG_CONFIG_HOME"] = configHome,
                },
                "incident", "list", "--json");

            Assert.True(run.ExitCode == 0, run.ToString());
            var incidents = JsonDocument.Parse(run.Out).RootElement;
            Assert.Contains(incidents.EnumerateArray(), i => i.Str("title") == "Queue consumers stalled");
        }
        finally
        {
            Directory.Delete(configHome, recursive: true);
        }
    }
}
