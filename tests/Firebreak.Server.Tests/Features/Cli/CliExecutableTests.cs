using System.Diagnostics;
using System.Net;
using System.Reflection;
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
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { ServerDll(), "incident", "list", "--json" })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["FIREBREAK_URL"] = server.BaseAddress.ToString();
            start.Environment["FIREBREAK_TOKEN"] = server.ResponderToken;
            start.Environment["XDG_CONFIG_HOME"] = configHome;

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stderr}");
            var incidents = JsonDocument.Parse(await stdout).RootElement;
            Assert.Contains(incidents.EnumerateArray(), i => i.Str("title") == "Queue consumers stalled");
        }
        finally
        {
            Directory.Delete(configHome, recursive: true);
        }
    }

    /// <summary>The server project's own build output, for the configuration these tests were built in.</summary>
    private static string ServerDll()
    {
        var configuration = typeof(CliExecutableTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Firebreak.slnx")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var dll = Path.Combine(dir.FullName, "src", "Firebreak.Server", "bin", configuration, "net10.0", "firebreak.dll");
        Assert.True(File.Exists(dll), $"Not built: {dll}");
        return dll;
    }
}
